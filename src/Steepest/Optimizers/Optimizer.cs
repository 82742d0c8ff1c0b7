using Steepest.LinearAlgebra;
using Steepest.Optimizers.Fused;
using Steepest.Optimizers.Transforms;

namespace Steepest.Optimizers;

/// <summary>
/// Applies a gradient transform to a set of parameters: each <see cref="Step"/> turns the gradients now in the
/// parameters into an update and adds it. Recognised chain tails run as fused one-pass kernels (see
/// <see cref="OptimizerOptions.Fuse"/>); everything else runs transform by transform on update buffers.
/// </summary>
public sealed class Optimizer
{
    private readonly Executor executor;

    /// <summary>Initializes the transform's state for <paramref name="parameters"/> and compiles the execution plan.</summary>
    public Optimizer(GradientTransform transform, IReadOnlyList<Parameter> parameters, OptimizerOptions? options = null)
    {
        Transform = transform ?? throw new ArgumentNullException(nameof(transform));
        Parameters = parameters?.ToArray() ?? throw new ArgumentNullException(nameof(parameters));
        var names = new HashSet<string>();
        foreach (var p in Parameters)
            if (!names.Add(p.Name)) throw new ArgumentException($"parameter name '{p.Name}' is used twice; state files key on names");
        Options = options ?? new OptimizerOptions();
        State = transform.Init(Parameters);
        executor = Compile(transform, State, Parameters, Options);
    }

    /// <summary>The update rule.</summary>
    public GradientTransform Transform { get; }

    /// <summary>The parameters it updates.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Execution options.</summary>
    public OptimizerOptions Options { get; }

    /// <summary>The transform's explicit state.</summary>
    public TransformState State { get; }

    /// <summary>Steps taken.</summary>
    public long Steps { get; internal set; }

    /// <summary>The current epoch, passed to per-epoch transforms (set it at each epoch start).</summary>
    public int Epoch { get; set; }

    /// <summary>How the steps run, e.g. "fused adamw over 3 parameters".</summary>
    public string Plan => executor.Describe();

    /// <summary>Bytes of memory traffic per parameter value in one step when the whole plan is fused (else null).</summary>
    public int? FusedBytesPerValue => executor.FusedBytesPerValue;

    /// <summary>θ ← θ + update(∇θ): one step from the gradients currently stored in the parameters.</summary>
    public void Step()
    {
        executor.Step(Epoch);
        Steps++;
    }

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (var p in Parameters) Array.Clear(p.Gradient);
    }

    private static Executor Compile(GradientTransform transform, TransformState state, IReadOnlyList<Parameter> parameters, OptimizerOptions options)
    {
        if (transform is Partition partition)
        {
            var groups = ((PartitionState)state).Groups;
            return new PartitionExecutor(groups.Select(g =>
                Compile(partition.Transforms[g.Label], g.State, g.Indices.Select(i => parameters[i]).ToArray(), options)).ToArray());
        }
        var transforms = transform is Chain chain ? chain.Transforms : [transform];
        var states = state is ChainState chainState ? chainState.States : [state];
        return new ChainExecutor(parameters, transforms, states, options);
    }

    private abstract class Executor
    {
        public abstract void Step(int epoch);
        public abstract string Describe();
        public abstract int? FusedBytesPerValue { get; }
    }

    private sealed class PartitionExecutor(Executor[] children) : Executor
    {
        public override void Step(int epoch)
        {
            foreach (var child in children) child.Step(epoch);
        }

        public override string Describe() => string.Join("; ", children.Select(c => c.Describe()));

        public override int? FusedBytesPerValue => children.All(c => c.FusedBytesPerValue is not null) && children.Select(c => c.FusedBytesPerValue).Distinct().Count() == 1
            ? children[0].FusedBytesPerValue : null;
    }

    /// <summary>Unfused prefix on update buffers (if any), then the fused tail or a plain θ += u.</summary>
    private sealed class ChainExecutor : Executor
    {
        private readonly IReadOnlyList<Parameter> parameters;
        private readonly GradientTransform[] prefix;
        private readonly TransformState[] prefixStates;
        private readonly FusedKernel? kernel;
        private readonly UpdateContext? context;

        public ChainExecutor(IReadOnlyList<Parameter> parameters, IReadOnlyList<GradientTransform> transforms, IReadOnlyList<TransformState> states, OptimizerOptions options)
        {
            this.parameters = parameters;
            var gradients = parameters.Select(p => p.Gradient).ToArray();
            int prefixLength = transforms.Count;
            float[][]? updates = null;
            if (options.Fuse)
            {
                updates = parameters.Select(p => new float[p.Length]).ToArray();
                (kernel, prefixLength) = KernelCompiler.Compile(transforms, states, parameters, gradients, updates, options.Threads);
            }
            prefix = transforms.Take(prefixLength).ToArray();
            prefixStates = states.Take(prefixLength).ToArray();
            if (prefix.Length > 0 || kernel is null)
                context = new UpdateContext(parameters, updates ?? parameters.Select(p => new float[p.Length]).ToArray());
        }

        public override void Step(int epoch)
        {
            if (context is not null)
            {
                context.Epoch = epoch;
                for (int i = 0; i < parameters.Count; i++) BlockCopy.Copy<float>(parameters[i].Gradient, context.Updates[i]);
                for (int t = 0; t < prefix.Length; t++) prefix[t].Update(context, prefixStates[t]);
            }
            if (kernel is not null)
            {
                kernel.Run();
                return;
            }
            // θ is read again by the next forward pass: keep it in cache (no non-temporal stores).
            for (int i = 0; i < parameters.Count; i++) InCacheArithmetic.Add(parameters[i].Value, context!.Updates[i]);
        }

        public override string Describe()
        {
            string names = string.Join(", ", prefix.Select(t => t.Name));
            string tail = kernel?.Name ?? "apply";
            return (prefix.Length == 0 ? tail : $"{names} then {tail}") + $" over {parameters.Count} parameter{(parameters.Count == 1 ? "" : "s")}";
        }

        public override int? FusedBytesPerValue => prefix.Length == 0 ? kernel?.BytesPerValue : null;
    }
}
