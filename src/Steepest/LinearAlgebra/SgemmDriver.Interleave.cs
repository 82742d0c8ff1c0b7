using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steepest.LinearAlgebra;

// The transposing half of packing: a micro-panel whose source lines run along k (A's rows, or the columns of a
// transposed B) is written k-major, so each k step gathers one value from every line.
internal static unsafe partial class SgemmDriver
{
    /// <summary>
    /// dst[p·width + i] = src[i·ld + p] for lines i &lt; lines and p &lt; kc; lines up to width are zero.
    /// Eight or four lines at a time go through register transposes: one vector store per eight or four values instead
    /// of one store per value, which made the scalar loop a quarter of a symmetric product's time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(float* dst, int width, float* src, long ld, int lines, int kc)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            // Eight lines at a time: lines i and i + 4 share a 256-bit register (the second half is loaded by an
            // insert), so two unpacks and a shuffle per register transpose the 8×4 block without a cross-lane permute.
            for (; i + 8 <= lines; i += 8)
            {
                float* s0 = src + i * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
                float* s4 = s3 + ld, s5 = s4 + ld, s6 = s5 + ld, s7 = s6 + ld;
                float* d = dst + i;
                int p = 0;
                for (; p + 4 <= kc; p += 4)
                {
                    Vector256<float> r04 = Avx.InsertVector128(Sse.LoadVector128(s0 + p).ToVector256Unsafe(), Sse.LoadVector128(s4 + p), 1);
                    Vector256<float> r15 = Avx.InsertVector128(Sse.LoadVector128(s1 + p).ToVector256Unsafe(), Sse.LoadVector128(s5 + p), 1);
                    Vector256<float> r26 = Avx.InsertVector128(Sse.LoadVector128(s2 + p).ToVector256Unsafe(), Sse.LoadVector128(s6 + p), 1);
                    Vector256<float> r37 = Avx.InsertVector128(Sse.LoadVector128(s3 + p).ToVector256Unsafe(), Sse.LoadVector128(s7 + p), 1);
                    Vector256<float> low01 = Avx.UnpackLow(r04, r15), high01 = Avx.UnpackHigh(r04, r15);
                    Vector256<float> low23 = Avx.UnpackLow(r26, r37), high23 = Avx.UnpackHigh(r26, r37);
                    float* row = d + (long)p * width;
                    Avx.Store(row, Avx.Shuffle(low01, low23, 0x44));
                    Avx.Store(row + width, Avx.Shuffle(low01, low23, 0xEE));
                    Avx.Store(row + 2 * width, Avx.Shuffle(high01, high23, 0x44));
                    Avx.Store(row + 3 * width, Avx.Shuffle(high01, high23, 0xEE));
                }
                for (; p < kc; p++)
                {
                    float* row = d + (long)p * width;
                    (row[0], row[1], row[2], row[3]) = (s0[p], s1[p], s2[p], s3[p]);
                    (row[4], row[5], row[6], row[7]) = (s4[p], s5[p], s6[p], s7[p]);
                }
            }
        }
        if (Sse.IsSupported)
        {
            for (; i + 4 <= lines; i += 4)
            {
                float* s0 = src + i * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
                float* d = dst + i;
                int p = 0;
                for (; p + 4 <= kc; p += 4)
                {
                    Vector128<float> r0 = Sse.LoadVector128(s0 + p), r1 = Sse.LoadVector128(s1 + p);
                    Vector128<float> r2 = Sse.LoadVector128(s2 + p), r3 = Sse.LoadVector128(s3 + p);
                    Vector128<float> low01 = Sse.UnpackLow(r0, r1), high01 = Sse.UnpackHigh(r0, r1);
                    Vector128<float> low23 = Sse.UnpackLow(r2, r3), high23 = Sse.UnpackHigh(r2, r3);
                    float* row = d + (long)p * width;
                    Sse.Store(row, Sse.MoveLowToHigh(low01, low23));
                    Sse.Store(row + width, Sse.MoveHighToLow(low23, low01));
                    Sse.Store(row + 2 * width, Sse.MoveLowToHigh(high01, high23));
                    Sse.Store(row + 3 * width, Sse.MoveHighToLow(high23, high01));
                }
                for (; p < kc; p++)
                {
                    float* row = d + (long)p * width;
                    (row[0], row[1], row[2], row[3]) = (s0[p], s1[p], s2[p], s3[p]);
                }
            }
        }
        for (; i < lines; i++)
        {
            float* s = src + i * ld;
            for (int p = 0; p < kc; p++) dst[(long)p * width + i] = s[p];
        }
        for (; i < width; i++)
            for (int p = 0; p < kc; p++) dst[(long)p * width + i] = 0;
    }
}
