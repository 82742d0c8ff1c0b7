using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Threading;

namespace Steepest.LinearAlgebra;

/// <summary>
/// The blocked SGEMM (the BLIS loop nest, row-major): for each NC-column block of B and KC-deep slice, B is packed
/// once into NR-column micro-panels that stay in L2; for each MC-row block of A, A is packed into MR-row micro-panels;
/// then each A micro-panel (in L1) sweeps across all B micro-panels through the micro-kernel.
/// </summary>
internal static unsafe partial class SgemmDriver
{
    /// <summary>
    /// Blocking for one micro-kernel. <paramref name="streamA"/>: keep each B micro-panel (kc·NR floats) in L1 and stream
    /// the A micro-panels of an L2-sized block past it (BLIS's order); otherwise keep each A micro-panel in L1 and
    /// stream the B micro-panels from L2, for kernels whose B micro-panel is too wide for L1.
    /// </summary>
    private sealed class Plan(int mr, int nr, int kc, int nc, int mc, bool streamA, delegate*<int, float*, float*, float*, int, float, void> kernel)
    {
        public bool StreamA { get; } = streamA;
        public int MR { get; } = mr;
        public int NR { get; } = nr;
        public int KC { get; } = kc;
        public int NC { get; } = nc;
        public int MC { get; } = mc;
        public delegate*<int, float*, float*, float*, int, float, void> Kernel { get; } = kernel;
    }

    private static readonly Plan Vector512Plan = Create(GemmKernel.Vector512), Vector256Plan = Create(GemmKernel.Vector256), ScalarPlan = Create(GemmKernel.Scalar);

    /// <summary>The calling thread's reusable operands, so a call allocates nothing (GEMMs never nest on one thread).</summary>
    [ThreadStatic]
    private static Operands? reusable;

    private static Plan Choose(GemmKernel kernel)
    {
        if (kernel == GemmKernel.Auto)
            kernel = Vector512.IsHardwareAccelerated ? GemmKernel.Vector512
                   : Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported ? GemmKernel.Vector256
                   : GemmKernel.Scalar;
        return kernel switch { GemmKernel.Vector512 => Vector512Plan, GemmKernel.Vector256 => Vector256Plan, _ => ScalarPlan };
    }

    private static Plan Create(GemmKernel kernel)
    {
        return kernel switch
        {
            // A 12×384 micro-panel (18 KiB) stays in L1; kc×nc of B (720 KiB) in a 1 MiB L2 (AVX-512-era cores).
            GemmKernel.Vector512 => new Plan(12, 32, 384, 480, 3072, streamA: false, &SgemmMicroKernels.Kernel12x32),
            // kc·16 floats of B (24 KiB) stay in a 32 KiB L1 and mc×kc of A (288 KiB) in a 512 KiB L2 (AVX2-era cores).
            GemmKernel.Vector256 => new Plan(6, 16, 384, 512, 192, streamA: true, &SgemmMicroKernels.Kernel6x16),
            _ => new Plan(4, 4, 256, 256, 1024, streamA: true, &SgemmMicroKernels.Kernel4x4),
        };
    }

    /// <summary>Products below this many multiply-adds run on the calling thread: a thread handoff costs more than they do.</summary>
    private const long SingleThreadWork = 96L * 96 * 96;

    /// <summary>
    /// C += α·op(A)·op(B) (β already applied by the caller); shapes and aliasing already validated.
    /// Threads each take a band of C (columns when n is wide enough, else rows) and run the whole loop nest on it
    /// with their own packing buffers: one fork and one join per call, no barriers inside. With <c>upper</c>, only the
    /// tiles of C on or above its diagonal are multiplied (a symmetric product's upper triangle, m = n): tiles wholly
    /// below it are skipped, and the bands are cut so that each thread gets the same share of the triangle.
    /// </summary>
    public static void Run(int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc, GemmOptions options, bool upper = false)
    {
        var plan = Choose(options.Kernel);
        int threads = options.Threads > 0 ? options.Threads : WorkerTeam.AvailableThreads;
        if ((long)m * n * k <= SingleThreadWork) threads = 1;
        // Split the longer side: each thread packs all of the operand along the other side, so a narrow band of a
        // long matrix would make every thread pack (and stream) the whole long operand.
        bool splitColumns = n >= m ? n / plan.NR >= threads || m / plan.MR < threads : m / plan.MR < threads;
        int units = splitColumns ? (n + plan.NR - 1) / plan.NR : (m + plan.MR - 1) / plan.MR;
        threads = Math.Max(1, Math.Min(threads, units));

        fixed (float* pa = a, pb = b, pc = c)
        {
            var source = reusable ??= new Operands();
            source.Set(plan, m, n, k, alpha, pa, lda, transposeA, pb, ldb, transposeB, pc, ldc, splitColumns, units, threads, upper);
            try
            {
                if (threads == 1) source.Multiply(0, m, 0, n);
                else WorkerTeam.Run(threads, source);
            }
            finally
            {
                source.Set(plan, 0, 0, 0, 0, null, 0, false, null, 0, false, null, 0, false, 0, 1, false);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
