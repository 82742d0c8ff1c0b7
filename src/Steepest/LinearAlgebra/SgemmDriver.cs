using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Threading;

namespace Steepest.LinearAlgebra;

/// <summary>
/// The blocked SGEMM (the BLIS loop nest, row-major): for each NC-column block of B and KC-deep slice, B is packed
/// once into NR-column micro-panels that stay in L2; for each MC-row block of A, A is packed into MR-row micro-panels;
/// then each A micro-panel (in L1) sweeps across all B micro-panels through the micro-kernel.
/// </summary>
internal static unsafe class SgemmDriver
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

    /// <summary>The operands of one GEMM call; pointers live here so the worker threads can use them.</summary>
    private sealed class Operands : IWorkerJob
    {
        private Plan plan = ScalarPlan;
        private int m, n, k, lda, ldb, ldc, units, bands;
        private float alpha;
        private float* a, b, c;
        private bool transposeA, transposeB, splitColumns, upper;

        public void Set(Plan plan, int m, int n, int k, float alpha, float* a, int lda, bool transposeA, float* b, int ldb, bool transposeB,
            float* c, int ldc, bool splitColumns, int units, int bands, bool upper)
        {
            this.upper = upper;
            (this.plan, this.m, this.n, this.k, this.alpha) = (plan, m, n, k, alpha);
            this.a = a;
            this.b = b;
            this.c = c;
            (this.lda, this.ldb, this.ldc, this.transposeA, this.transposeB) = (lda, ldb, ldc, transposeA, transposeB);
            (this.splitColumns, this.units, this.bands) = (splitColumns, units, bands);
        }

        /// <summary>Band t of C; band boundaries fall on whole micro-panels so no tile is shared between threads.</summary>
        public void Execute(int t)
        {
            int first = Boundary(t), last = Boundary(t + 1);
            if (splitColumns) Multiply(0, m, first * plan.NR, Math.Min(n, last * plan.NR));
            else Multiply(first * plan.MR, Math.Min(m, last * plan.MR), 0, n);
        }

        /// <summary>
        /// Where band t starts, in units. A full product splits evenly; an upper triangle's column u has u + 1 rows of
        /// work (row u has units − u), so its boundaries sit where the cumulative work reaches t/bands.
        /// </summary>
        private int Boundary(int t)
        {
            if (t <= 0) return 0;
            if (t >= bands) return units;
            if (!upper) return (int)((long)units * t / bands);
            double share = (double)t / bands;
            return (int)Math.Round(units * (splitColumns ? Math.Sqrt(share) : 1 - Math.Sqrt(1 - share)));
        }

        /// <summary>The serial loop nest for rows [rowStart, rowEnd) and columns [columnStart, columnEnd) of C.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Multiply(int rowStart, int rowEnd, int columnStart, int columnEnd)
        {
            int m = rowEnd - rowStart, n = columnEnd - columnStart;
            if (m <= 0 || n <= 0) return;
            int kcMax = Math.Min(plan.KC, k);
            int ncMax = RoundUp(Math.Min(plan.NC, n), plan.NR);
            int mcMax = RoundUp(Math.Min(plan.MC, m), plan.MR);
            float* packedB = (float*)NativeMemory.AlignedAlloc((nuint)((long)kcMax * ncMax * sizeof(float)), 64);
            float* packedA = (float*)NativeMemory.AlignedAlloc((nuint)((long)kcMax * mcMax * sizeof(float)), 64);
            float* tile = stackalloc float[plan.MR * plan.NR];
            try
            {
                for (int jc = columnStart; jc < columnEnd; jc += plan.NC)
                {
                    int nc = Math.Min(plan.NC, columnEnd - jc);
                    for (int pc = 0; pc < k; pc += plan.KC)
                    {
                        int kc = Math.Min(plan.KC, k - pc);
                        PackB(packedB, pc, kc, jc, nc);
                        for (int ic = rowStart; ic < rowEnd; ic += plan.MC)
                        {
                            int mc = Math.Min(plan.MC, rowEnd - ic);
                            if (upper && ic >= jc + nc) break; // this row block and every one after it lie below the diagonal
                            PackA(packedA, ic, mc, pc, kc);
                            MacroKernel(packedA, packedB, tile, ic, mc, kc, jc, nc);
                        }
                    }
                }
            }
            finally
            {
                NativeMemory.AlignedFree(packedA);
                NativeMemory.AlignedFree(packedB);
            }
        }

        /// <summary>The micro-kernel over every tile of an mc×nc block of C, in the plan's loop order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void MacroKernel(float* packedA, float* packedB, float* tile, int ic, int mc, int kc, int jc, int nc)
        {
            int mr = plan.MR, nr = plan.NR;
            if (plan.StreamA)
            {
                for (int jr = 0; jr < nc; jr += nr)
                    for (int row = 0; row < mc; row += mr) Tile(packedA, packedB, tile, ic, mc, kc, jc, nc, row, jr);
                return;
            }
            for (int row = 0; row < mc; row += mr)
                for (int jr = 0; jr < nc; jr += nr) Tile(packedA, packedB, tile, ic, mc, kc, jc, nc, row, jr);
        }

        /// <summary>One MR×NR tile of C at (row, jr) within the block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Tile(float* packedA, float* packedB, float* tile, int ic, int mc, int kc, int jc, int nc, int row, int jr)
        {
            int mr = plan.MR, nr = plan.NR;
            int rows = Math.Min(mr, mc - row), columns = Math.Min(nr, nc - jr);
            if (upper && jc + jr + columns <= ic + row) return; // wholly below the diagonal
            float* ap = packedA + (long)row * kc, bp = packedB + (long)jr * kc;
            float* target = c + (long)(ic + row) * ldc + jc + jr;
            if (rows == mr && columns == nr)
            {
                plan.Kernel(kc, ap, bp, target, ldc, alpha);
                return;
            }
            // Edge tile: compute the full padded tile in scratch, then add only the valid part.
            new Span<float>(tile, mr * nr).Clear();
            plan.Kernel(kc, ap, bp, tile, nr, alpha);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) target[(long)i * ldc + j] += tile[i * nr + j];
        }

        /// <summary>Packs the mc×kc block of op(A) at (ic, pc) into MR-row micro-panels, k-major, zero-padded.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackA(float* packed, int ic, int mc, int pc, int kc)
        {
            int mr = plan.MR;
            for (int row0 = 0; row0 < mc; row0 += mr)
            {
                float* dst = packed + (long)row0 * kc;
                int rows = Math.Min(mr, mc - row0);
                if (!transposeA)
                {
                    // op(A)(i, p) = a[i·lda + p]: each row is contiguous in p.
                    for (int r = 0; r < rows; r++)
                    {
                        float* src = a + (long)(ic + row0 + r) * lda + pc;
                        for (int p = 0; p < kc; p++) dst[p * mr + r] = src[p];
                    }
                    for (int r = rows; r < mr; r++)
                        for (int p = 0; p < kc; p++) dst[p * mr + r] = 0;
                }
                else
                {
                    // op(A)(i, p) = a[p·lda + i]: for fixed p the MR rows are contiguous.
                    for (int p = 0; p < kc; p++)
                    {
                        float* src = a + (long)(pc + p) * lda + ic + row0;
                        float* d = dst + p * mr;
                        int r = 0;
                        for (; r < rows; r++) d[r] = src[r];
                        for (; r < mr; r++) d[r] = 0;
                    }
                }
            }
        }

        /// <summary>Packs the kc×nc block of op(B) at (pc, jc) into NR-column micro-panels, k-major, zero-padded.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PackB(float* packed, int pc, int kc, int jc, int nc)
        {
            int nr = plan.NR;
            for (int col0 = 0; col0 < nc; col0 += nr)
            {
                float* dst = packed + (long)col0 * kc;
                int columns = Math.Min(nr, nc - col0);
                if (!transposeB)
                {
                    // op(B)(p, j) = b[p·ldb + j]: NR contiguous values per p.
                    for (int p = 0; p < kc; p++)
                    {
                        float* src = b + (long)(pc + p) * ldb + jc + col0;
                        float* d = dst + p * nr;
                        if (columns == nr) new ReadOnlySpan<float>(src, nr).CopyTo(new Span<float>(d, nr));
                        else
                        {
                            int j = 0;
                            for (; j < columns; j++) d[j] = src[j];
                            for (; j < nr; j++) d[j] = 0;
                        }
                    }
                }
                else
                {
                    // op(B)(p, j) = b[j·ldb + p]: each column j is contiguous in p.
                    for (int j = 0; j < columns; j++)
                    {
                        float* src = b + (long)(jc + col0 + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) dst[p * nr + j] = src[p];
                    }
                    for (int j = columns; j < nr; j++)
                        for (int p = 0; p < kc; p++) dst[p * nr + j] = 0;
                }
            }
        }
    }
}
