using System.Runtime.InteropServices;

namespace Steepest.Cli.Benchmarks;

/// <summary>
/// The system OpenBLAS (libopenblas.so.0, Debian package libopenblas0), loaded at run time as a benchmark reference only.
/// The library never depends on it; when it is absent the benchmarks report null for its numbers.
/// </summary>
public sealed unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;
    private readonly delegate* unmanaged<int, void> setThreads;
    private readonly delegate* unmanaged<nint> config;

    private OpenBlas(nint library)
    {
        sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(library, "cblas_sgemm");
        setThreads = NativeLibrary.TryGetExport(library, "openblas_set_num_threads", out nint st) ? (delegate* unmanaged<int, void>)st : null;
        config = NativeLibrary.TryGetExport(library, "openblas_get_config", out nint cf) ? (delegate* unmanaged<nint>)cf : null;
    }

    /// <summary>Loads the library, or returns null when it is not installed.</summary>
    public static OpenBlas? TryLoad()
    {
        foreach (string name in (string[])["libopenblas.so.0", "libopenblas.so"])
            if (NativeLibrary.TryLoad(name, out nint handle) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out _))
                return new OpenBlas(handle);
        return null;
    }

    /// <summary>OpenBLAS's own description of its build and kernel (e.g. "OpenBLAS 0.3.21 … Cooperlake").</summary>
    public string Description => config is null ? "OpenBLAS" : Marshal.PtrToStringAnsi(config()) ?? "OpenBLAS";

    /// <summary>Sets OpenBLAS's thread count.</summary>
    public void SetThreads(int threads)
    {
        if (setThreads is not null) setThreads(threads);
    }

    /// <summary>cblas_sgemm in row-major order: C ← α·op(A)·op(B) + β·C.</summary>
    public void Sgemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
            sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }
}
