using System.Numerics.Tensors;
using Steepest.LinearAlgebra;
using Steepest.Optimizers;
using Steepest.Threading;

namespace Steepest.Models;

/// <summary>
/// Causal multi-head self-attention on sequences [T, D] with H heads of width d = D/H, as in GPT-2:
/// [Q K V] = x·W_qkvᵀ + b_qkv; per head, P = softmax(Q·Kᵀ/√d) over the positions j ≤ t of each row t; O = P·V;
/// y = [O₁ … O_H]·W_projᵀ + b_proj. Backward per head: ∂P = ∂O·Vᵀ, ∂V = Pᵀ·∂O, ∂S = P∘(∂P − rowsum(P∘∂P)),
/// ∂Q = ∂S·K/√d, ∂K = ∂Sᵀ·Q/√d. The heads of all examples are independent SGEMMs, shared out over threads.
/// </summary>
public sealed unsafe class CausalSelfAttention : Module
{
    private static readonly GemmOptions OneThread = new() { Threads = 1 };
    private readonly int context, width, heads, headWidth;
    private readonly float scale;
    private readonly Linear qkv, projection;
    private readonly Heads core;
    private float[] qkvOut = [], attended = [], probabilities = [], qkvGradient = [], attendedGradient = [], scoreGradient = [];

    /// <summary>Attention over <paramref name="context"/> positions of width <paramref name="width"/>, split into <paramref name="heads"/> heads.</summary>
    public CausalSelfAttention(string name, int context, int width, int heads) : base(name, [context, width], [context, width])
    {
        if (heads < 1 || width % heads != 0) throw new ArgumentException($"{name}: {heads} heads do not divide the width {width}");
        (this.context, this.width, this.heads, headWidth) = (context, width, heads, width / heads);
        scale = 1 / MathF.Sqrt(headWidth);
        qkv = new Linear($"{name}.qkv", [context, width], 3 * width);
        projection = new Linear($"{name}.proj", [context, width], width);
        Parameters = [.. qkv.Parameters, .. projection.Parameters];
        core = new Heads(this);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The qkv projection, then the output projection (softmax attention between them counts as a bond of sensitivity 1).</summary>
    public override IReadOnlyList<Module> Children => [qkv, projection];

    /// <summary>Number of heads.</summary>
    public int HeadCount => heads;

    /// <summary>x → [Q K V], D → 3D.</summary>
    public Linear Qkv => qkv;

    /// <summary>The heads' concatenated outputs → y, D → D.</summary>
    public Linear Projection => projection;

    /// <summary>The query-key-value projection, then the output projection.</summary>
    public override void Initialize(SplitMix64 random)
    {
        qkv.Initialize(random);
        projection.Initialize(random);
    }

    /// <inheritdoc/>
    protected override void AllocateCore(int batch)
    {
        qkv.Allocate(batch);
        projection.Allocate(batch);
        long rows = (long)batch * context;
        qkvOut = new float[rows * 3 * width];
        qkvGradient = new float[rows * 3 * width];
        attended = new float[rows * width];
        attendedGradient = new float[rows * width];
        probabilities = new float[(long)batch * heads * context * context];
        scoreGradient = new float[(long)batch * heads * context * context];
    }

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        int rows = batch * context;
        var q = qkvOut.AsSpan(0, rows * 3 * width);
        var o = attended.AsSpan(0, rows * width);
        qkv.Forward(input, q, batch);
        fixed (float* pq = qkvOut, po = attended, pp = probabilities, ps = scoreGradient, dq = qkvGradient, dO = attendedGradient)
            core.Start(pq, po, pp, ps, dq, dO, backward: false, batch);
        projection.Forward(o, output, batch);
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        int rows = batch * context;
        projection.Backward(attended.AsSpan(0, rows * width), output, outputGradient, attendedGradient.AsSpan(0, rows * width), batch);
        fixed (float* pq = qkvOut, po = attended, pp = probabilities, ps = scoreGradient, dq = qkvGradient, dO = attendedGradient)
            core.Start(pq, po, pp, ps, dq, dO, backward: true, batch);
        qkv.Backward(input, qkvOut.AsSpan(0, rows * 3 * width), qkvGradient.AsSpan(0, rows * 3 * width), inputGradient, batch);
    }

    /// <summary>Attention of one (example, head) pair per index.</summary>
    private sealed class Heads(CausalSelfAttention a) : RangeJob
    {
        private float* qkv, attended, probabilities, scoreGradient, qkvGradient, attendedGradient;
        private bool backward;

        public void Start(float* q, float* o, float* p, float* s, float* dq, float* dO, bool backward, int batch)
        {
            qkv = q;
            attended = o;
            probabilities = p;
            scoreGradient = s;
            qkvGradient = dq;
            attendedGradient = dO;
            this.backward = backward;
            Run(batch * a.heads);
        }

        protected override void Execute(int start, int end)
        {
            for (int pair = start; pair < end; pair++)
            {
                if (backward) Backward(pair);
                else Forward(pair);
            }
        }

        private void Forward(int pair)
        {
            int t = a.context, d = a.headWidth, stride = 3 * a.width;
            int b = pair / a.heads, h = pair % a.heads;
            float* q = qkv + (long)b * t * stride + h * d;
            float* p = probabilities + (long)pair * t * t;
            var queries = Strided(q, t, d, stride);
            var keys = Strided(q + a.width, t, d, stride);
            var values = Strided(q + 2 * a.width, t, d, stride);
            var scores = new Span<float>(p, t * t);
            Gemm.Multiply(Transpose.None, Transpose.Transposed, a.scale, queries, keys, 0f, new MatrixSpan<float>(scores, t, t), OneThread);
            for (int row = 0; row < t; row++)
            {
                var visible = scores.Slice(row * t, row + 1);
                float max = TensorPrimitives.Max(visible);
                TensorPrimitives.Subtract(visible, max, visible);
                TensorPrimitives.Exp(visible, visible);
                TensorPrimitives.Divide(visible, OrderedSums.Sum(visible), visible);
                scores.Slice(row * t + row + 1, t - row - 1).Clear();
            }
            float* o = attended + (long)b * t * a.width + h * d;
            Gemm.Multiply(Transpose.None, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(scores, t, t), values, 0f, StridedOut(o, t, d, a.width), OneThread);
        }

        private void Backward(int pair)
        {
            int t = a.context, d = a.headWidth, stride = 3 * a.width;
            int b = pair / a.heads, h = pair % a.heads;
            float* q = qkv + (long)b * t * stride + h * d, dq = qkvGradient + (long)b * t * stride + h * d;
            var queries = Strided(q, t, d, stride);
            var keys = Strided(q + a.width, t, d, stride);
            var values = Strided(q + 2 * a.width, t, d, stride);
            var dO = Strided(attendedGradient + (long)b * t * a.width + h * d, t, d, a.width);
            var p = new ReadOnlySpan<float>(probabilities + (long)pair * t * t, t * t);
            var ds = new Span<float>(scoreGradient + (long)pair * t * t, t * t);
            Gemm.Multiply(Transpose.None, Transpose.Transposed, 1f, dO, values, 0f, new MatrixSpan<float>(ds, t, t), OneThread);
            Gemm.Multiply(Transpose.Transposed, Transpose.None, 1f, new ReadOnlyMatrixSpan<float>(p, t, t), dO, 0f, StridedOut(dq + 2 * a.width, t, d, stride), OneThread);
            for (int row = 0; row < t; row++)
            {
                var pr = p.Slice(row * t, row + 1);
                var dr = ds.Slice(row * t, row + 1);
                float dot = OrderedSums.Dot(pr, dr);
                TensorPrimitives.Subtract(dr, dot, dr);
                TensorPrimitives.Multiply(dr, pr, dr);
                ds.Slice(row * t + row + 1, t - row - 1).Clear();
            }
            var scores = new ReadOnlyMatrixSpan<float>(ds, t, t);
            Gemm.Multiply(Transpose.None, Transpose.None, a.scale, scores, keys, 0f, StridedOut(dq, t, d, stride), OneThread);
            Gemm.Multiply(Transpose.Transposed, Transpose.None, a.scale, scores, queries, 0f, StridedOut(dq + a.width, t, d, stride), OneThread);
        }

        private static ReadOnlyMatrixSpan<float> Strided(float* start, int rows, int columns, int stride) =>
            new(new ReadOnlySpan<float>(start, (rows - 1) * stride + columns), rows, columns, stride);

        private static MatrixSpan<float> StridedOut(float* start, int rows, int columns, int stride) =>
            new(new Span<float>(start, (rows - 1) * stride + columns), rows, columns, stride);
    }
}
