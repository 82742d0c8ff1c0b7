using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Steepest.Threading;

namespace Steepest.LinearAlgebra;

// One call's operands and the BLIS loop nest each thread runs over its band of C; SgemmDriver.cs holds the entry
// points and the kernel plans.
internal static unsafe partial class SgemmDriver
{
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
                            // Rows from jc + nc on meet only tiles below the diagonal: they are neither packed nor multiplied.
                            if (upper) mc = Math.Min(mc, jc + nc - ic);
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
            // Edge tile: compute the full padded tile's sums in scratch (α = 1 leaves them exact), then fold only the
            // valid part into C as the kernel folds a full tile, C ← fma(α, sum, C): one rounding, not two. Every
            // element then takes the same path whatever tile it falls in, so kernels of different widths (whose
            // edges fall on different rows) give the same bits.
            new Span<float>(tile, mr * nr).Clear();
            plan.Kernel(kc, ap, bp, tile, nr, 1f);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                {
                    float* element = target + (long)i * ldc + j;
                    *element = MathF.FusedMultiplyAdd(alpha, tile[i * nr + j], *element);
                }
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
                // op(A)(i, p) = a[i·lda + p]: each row is contiguous in p.
                if (!transposeA) Interleave(dst, mr, a + (long)(ic + row0) * lda + pc, lda, rows, kc);
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
                // op(B)(p, j) = b[j·ldb + p]: each column j is contiguous in p.
                else Interleave(dst, nr, b + (long)(jc + col0) * ldb + pc, ldb, columns, kc);
            }
        }
    }
}
