using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Steepest.LinearAlgebra;

/// <summary>
/// Register-blocked SGEMM micro-kernels: C[0..MR, 0..NR] += α·Ã·B̃ over packed panels, where Ã holds MR rows per k
/// (k-major) and B̃ holds NR columns per k (k-major). The C tile stays in registers for all kc steps.
/// </summary>
internal static unsafe class SgemmMicroKernels
{
    /// <summary>12×32 tile: per k, two Vector512 loads of B̃ and twelve broadcasts of Ã feed 24 FMAs into 24 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel12x32(int kc, float* a, float* b, float* c, int ldc, float alpha)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(a[8]); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9]); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10]); ca0 = Vector512.FusedMultiplyAdd(x, b0, ca0); ca1 = Vector512.FusedMultiplyAdd(x, b1, ca1);
            x = Vector512.Create(a[11]); cb0 = Vector512.FusedMultiplyAdd(x, b0, cb0); cb1 = Vector512.FusedMultiplyAdd(x, b1, cb1);
            a += 12;
            b += 32;
        }
        var s = Vector512.Create(alpha);
        Store512(c + 0 * ldc, s, c00, c01); Store512(c + 1 * ldc, s, c10, c11); Store512(c + 2 * ldc, s, c20, c21);
        Store512(c + 3 * ldc, s, c30, c31); Store512(c + 4 * ldc, s, c40, c41); Store512(c + 5 * ldc, s, c50, c51);
        Store512(c + 6 * ldc, s, c60, c61); Store512(c + 7 * ldc, s, c70, c71); Store512(c + 8 * ldc, s, c80, c81);
        Store512(c + 9 * ldc, s, c90, c91); Store512(c + 10 * ldc, s, ca0, ca1); Store512(c + 11 * ldc, s, cb0, cb1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* row, Vector512<float> alpha, Vector512<float> left, Vector512<float> right)
    {
        Vector512.FusedMultiplyAdd(alpha, left, Vector512.Load(row)).Store(row);
        Vector512.FusedMultiplyAdd(alpha, right, Vector512.Load(row + 16)).Store(row + 16);
    }

    /// <summary>6×16 tile: per k, two Vector256 loads of B̃ and six broadcasts of Ã feed 12 FMAs (15 of the 16 ymm registers in use).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel6x16(int kc, float* a, float* b, float* c, int ldc, float alpha)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += 6;
            b += 16;
        }
        var s = Vector256.Create(alpha);
        Store256(c + 0 * ldc, s, c00, c01); Store256(c + 1 * ldc, s, c10, c11); Store256(c + 2 * ldc, s, c20, c21);
        Store256(c + 3 * ldc, s, c30, c31); Store256(c + 4 * ldc, s, c40, c41); Store256(c + 5 * ldc, s, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* row, Vector256<float> alpha, Vector256<float> left, Vector256<float> right)
    {
        Vector256.FusedMultiplyAdd(alpha, left, Vector256.Load(row)).Store(row);
        Vector256.FusedMultiplyAdd(alpha, right, Vector256.Load(row + 8)).Store(row + 8);
    }

    /// <summary>4×4 scalar tile for CPUs without SIMD FMA (and as the reference the others are tested against).</summary>
    public static void Kernel4x4(int kc, float* a, float* b, float* c, int ldc, float alpha)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            a += 4;
            b += 4;
        }
        float* r = c;
        r[0] += alpha * c00; r[1] += alpha * c01; r[2] += alpha * c02; r[3] += alpha * c03; r += ldc;
        r[0] += alpha * c10; r[1] += alpha * c11; r[2] += alpha * c12; r[3] += alpha * c13; r += ldc;
        r[0] += alpha * c20; r[1] += alpha * c21; r[2] += alpha * c22; r[3] += alpha * c23; r += ldc;
        r[0] += alpha * c30; r[1] += alpha * c31; r[2] += alpha * c32; r[3] += alpha * c33;
    }
}
