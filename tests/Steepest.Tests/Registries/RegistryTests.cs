using Steepest.Convergence;
using Steepest.Distributed;
using Steepest.Norms;
using Steepest.Optimizers;
using Steepest.Optimizers.Schedules;
using Steepest.Optimizers.Transforms;
using Steepest.Distributed.Reducers;

namespace Steepest.Tests.Registries;

/// <summary>
/// Adding a norm, an optimizer or a reducer is one registry entry plus the new type's own file: each test here adds a
/// toy one to a registry and uses it the way the library uses its own, without touching any other code.
/// </summary>
public sealed class RegistryTests
{
    [Fact]
    public void AToyNormAddedToTheRegistryIsParsedAndDerivesAStepTheSolverConfirms()
    {
        var registry = NormRegistry.Default.With(new NormEntry("box:C", "c·‖x‖∞, a scaled max norm",
            a => new ScaledMaxNorm(double.Parse(a.Parameter, System.Globalization.CultureInfo.InvariantCulture))));
        var norm = registry.Parse("BOX:2", 1, 3);
        Assert.IsType<ScaledMaxNorm>(norm);
        double[] g = [3, -1, 0.5];
        var derivation = Derivation.Of(norm, g, 0.1);
        Assert.True(derivation.SolverAgrees, derivation.Numeric.Summary);
        // u = −(α/2)·‖g‖*·t with ‖g‖* = ‖g‖₁/c and t = sign(g)/c: (0.1/2)·(4.5/2)·(1/2) = 0.05625 per coordinate.
        double[] expected = [-0.05625, 0.05625, -0.05625];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], derivation.Update[i], 1e-12);
        Assert.Null(NormRegistry.Default.Find("box:2"));
        Assert.Contains("unknown norm", Assert.Throws<ArgumentException>(() => NormRegistry.Default.Parse("box:2", 1, 3)).Message);
        Assert.Throws<ArgumentException>(() => registry.With(new NormEntry("l2", "again", _ => new L2Norm())));
    }

    [Fact]
    public void AToyOptimizerAddedToTheRegistryRunsInTheConvergenceLabWithItsFamilysPrediction()
    {
        var entry = new OptimizerEntry("normalized-gd", 1e-2, ConvergenceFamily.Gradient,
            a => new Chain(new ScaleByNormalizedGradient(), new ScaleByLearningRate(a.Schedule ?? LearningRateSchedule.Constant(a.LearningRate))))
            { AutomaticStep = AutomaticStep.SignScaledDecaying };
        var registry = OptimizerRegistry.Default.With(entry);
        Assert.Equal(1e-2, registry.Get("normalized-gd").DefaultLearningRate);
        Assert.Null(OptimizerRegistry.Default.Find("normalized-gd"));

        var problem = LeastSquaresProblem.RandomUnderdetermined(3, 6, 7);
        var result = ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "normalized-gd", Mode = BatchMode.FullBatch, Registry = registry });
        // A gradient-family method stays in the row space, so the lab predicts the minimum-norm solution; the toy reaches it.
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.NotNull(result.Predicted);
        Assert.True(result.DistanceToPrediction < 1e-6, $"distance {result.DistanceToPrediction}");
        var minimumNorm = ImplicitBias.MinimumNormFrom(problem, new double[6]);
        for (int i = 0; i < 6; i++) Assert.Equal(minimumNorm[i], result.Predicted![i], 1e-12);
        Assert.Contains("unknown optimizer", Assert.Throws<ArgumentException>(() =>
            ConvergenceRunner.Run(problem, new ConvergenceSettings { Optimizer = "normalized-gd" })).Message);
    }

    [Fact]
    public void AToyReducerAddedToTheRegistryAveragesAndPlansLikeTheOthers()
    {
        var registry = ReducerRegistry.Default.With(new ReducerEntry("gather-broadcast", 0, "gather-broadcast", (c, _) => new GatherBroadcast(c)));
        const int Ranks = 4, Length = 1001;
        var results = InProcessGroup.Run(Ranks, comm =>
        {
            var reducer = registry.Get("gather-broadcast").Create(comm, false);
            var gradient = Enumerable.Range(0, Length).Select(i => (float)(comm.Rank * 1000 + i)).ToArray();
            reducer.Average(gradient);
            return gradient;
        });
        var expected = Enumerable.Range(0, Length).Select(i => (float)((0 + 1000 + 2000 + 3000 + 4 * i) / 4.0)).ToArray();
        foreach (var result in results) Assert.Equal(expected, result);
        var plan = registry.Plan("gather-broadcast", Ranks, Length);
        Assert.Equal(2 * (Ranks - 1), plan.Messages);
        Assert.Null(ReducerRegistry.Default.Find("gather-broadcast"));
    }

    /// <summary>c·‖x‖∞ with c &gt; 0: dual ‖g‖₁/c, dualized direction sign(g)/c.</summary>
    private sealed class ScaledMaxNorm(double c) : Norm
    {
        public override string Name => $"box:{c}";
        public override string Symbol => $"{c}·‖x‖∞";
        public override string DualSymbol => $"‖g‖₁/{c}";
        public override string StepFormula => "u = −(α/2)·(‖g‖₁/c)·sign(g)/c";
        public override string RecoveredOptimizer => "sign descent";
        protected override double ValueCore(ReadOnlySpan<double> x) => c * x.ToArray().Max(Math.Abs);
        protected override double DualNormCore(ReadOnlySpan<double> g) => g.ToArray().Sum(Math.Abs) / c;
        protected override void DualizeCore(ReadOnlySpan<double> g, Span<double> t)
        {
            for (int i = 0; i < g.Length; i++) t[i] = Math.Sign(g[i]) / c;
        }
        protected override void SubgradientCore(ReadOnlySpan<double> x, Span<double> s)
        {
            int k = 0;
            for (int i = 1; i < x.Length; i++)
                if (Math.Abs(x[i]) > Math.Abs(x[k])) k = i;
            s.Clear();
            s[k] = c * Math.Sign(x[k]);
        }
        protected override void ProjectOntoBallCore(ReadOnlySpan<double> v, double radius, Span<double> p)
        {
            for (int i = 0; i < v.Length; i++) p[i] = Math.Clamp(v[i], -radius / c, radius / c);
        }
    }

    /// <summary>u ← u/‖u‖₂ over all parameters together (0 stays 0).</summary>
    private sealed class ScaleByNormalizedGradient : GradientTransform
    {
        public override string Name => "scale_by_normalized_gradient";
        public override TransformState Init(IReadOnlyList<Parameter> parameters) => EmptyState.Instance;
        public override void Update(UpdateContext context, TransformState state)
        {
            double sum = context.Updates.Sum(u => u.Sum(v => (double)v * v));
            if (sum == 0) return;
            float scale = (float)(1 / Math.Sqrt(sum));
            foreach (var u in context.Updates)
                for (int j = 0; j < u.Length; j++) u[j] *= scale;
        }
    }

    /// <summary>Rank 0 gathers every gradient, adds them in rank order and sends the average back: 2(n − 1) messages.</summary>
    private sealed class GatherBroadcast(ICommunicator communicator) : GradientReducer(communicator)
    {
        private const int Tag = 77;
        public override string Name => "gather-broadcast";
        public override void Average(Span<float> gradient)
        {
            int n = Communicator.Size;
            if (Communicator.Rank == 0)
            {
                var incoming = new float[gradient.Length];
                for (int source = 1; source < n; source++)
                {
                    Communicator.Receive(incoming, source, Tag);
                    for (int i = 0; i < gradient.Length; i++) gradient[i] += incoming[i];
                }
                for (int i = 0; i < gradient.Length; i++) gradient[i] /= n;
                for (int destination = 1; destination < n; destination++) { CountFloats(gradient.Length); Communicator.Send(gradient, destination, Tag); }
            }
            else
            {
                CountFloats(gradient.Length);
                Communicator.Send(gradient, 0, Tag);
                Communicator.Receive(gradient, 0, Tag);
            }
        }
        public override CommunicationPlan Plan(int parameters)
        {
            long n = Communicator.Size, p = parameters;
            return new CommunicationPlan(
                Messages: 2 * (n - 1), MessagesFormula: "2(n−1)", MessageValuesMin: p, MessageValuesMax: p, TotalBytes: 8 * p * (n - 1),
                BytesPerWorker: 4 * p, CriticalMessages: 2 * (n - 1), CriticalBytes: 8 * p * (n - 1), CriticalAdditions: (n - 1) * p);
        }
    }
}
