using System.Runtime.InteropServices;

namespace Steepest.Distributed.Mpi;

/// <summary>
/// The process's MPI session: finds the library (Open MPI's ABI first, then MPICH's), calls MPI_Init_thread once and
/// MPI_Finalize once, on every exit path (explicitly, or at process exit), and aborts the whole job on a failure.
/// </summary>
public static class MpiRuntime
{
    private static readonly Lock Gate = new();
    private static MpiLibrary? library;
    private static bool initialized, finalized;

    /// <summary>True when an MPI library can be loaded.</summary>
    public static bool IsAvailable
    {
        get
        {
            lock (Gate) return library is not null || TryLoad() is not null;
        }
    }

    /// <summary>True between <see cref="Initialize"/> and <see cref="Shutdown"/>.</summary>
    public static bool IsActive
    {
        get
        {
            lock (Gate) return initialized && !finalized;
        }
    }

    /// <summary>
    /// This process's rank as the launcher announces it (Open MPI, PMIx, MPICH/Hydra), readable before MPI starts;
    /// null when not launched by mpirun.
    /// </summary>
    public static int? LauncherRank
    {
        get
        {
            foreach (string name in (string[])["OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"])
                if (int.TryParse(Environment.GetEnvironmentVariable(name), out int rank)) return rank;
            return null;
        }
    }

    /// <summary>"Open MPI" or "MPICH" once initialized.</summary>
    public static string Flavor => Library.Flavor;

    internal static MpiLibrary Library => library ?? throw new InvalidOperationException("MPI is not initialized");

    /// <summary>Environment variable naming the MPI shared library to load instead of the ABI sonames, e.g. /opt/intel/mpi/lib/release/libmpi.so.12.</summary>
    public const string LibraryVariable = "STEEPEST_MPI_LIBRARY";

    private static MpiLibrary? TryLoad()
    {
        string? path = Environment.GetEnvironmentVariable(LibraryVariable);
        if (!string.IsNullOrEmpty(path))
        {
            if (!NativeLibrary.TryLoad(path, out nint handle)) return null;
            // Our LibraryImport declarations name the ABI sonames; route both to the library the user named.
            NativeLibrary.SetDllImportResolver(typeof(MpiRuntime).Assembly,
                (name, _, _) => name is OpenMpiLibrary.Soname or MpichLibrary.Soname ? handle : 0);
            return library = NativeLibrary.TryGetExport(handle, "ompi_mpi_comm_world", out _) ? new OpenMpiLibrary(handle) : new MpichLibrary();
        }
        if (NativeLibrary.TryLoad(OpenMpiLibrary.Soname, out nint openMpi) && NativeLibrary.TryGetExport(openMpi, "ompi_mpi_comm_world", out _))
            return library = new OpenMpiLibrary(openMpi);
        if (NativeLibrary.TryLoad(MpichLibrary.Soname, out _)) return library = new MpichLibrary();
        return null;
    }

    /// <summary>Initializes MPI (once) and returns MPI_COMM_WORLD as a communicator.</summary>
    /// <exception cref="MpiNotAvailableException">No MPI library is installed.</exception>
    public static ICommunicator Initialize()
    {
        lock (Gate)
        {
            if (finalized) throw new InvalidOperationException("MPI was already finalized in this process");
            var mpi = library ?? TryLoad() ?? throw new MpiNotAvailableException(Environment.GetEnvironmentVariable(LibraryVariable));
            if (!initialized)
            {
                // FUNNELED: only the thread that initialized calls MPI (ranks are processes; our threads do compute only).
                Check(mpi.InitThread(1, out int provided), "MPI_Init_thread");
                if (provided < 1) throw new CommunicationException($"{mpi.Flavor} provides thread level {provided}; FUNNELED (1) is needed");
                initialized = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
            }
            return new MpiCommunicator(mpi);
        }
    }

    /// <summary>MPI_Finalize, if MPI was initialized and not yet finalized; safe to call more than once.</summary>
    public static void Shutdown()
    {
        lock (Gate)
        {
            if (!initialized || finalized) return;
            finalized = true;
            library!.Finalize();
        }
    }

    /// <summary>MPI_Abort on MPI_COMM_WORLD: mpirun then stops every rank and exits with <paramref name="code"/>.</summary>
    public static void Abort(int code)
    {
        lock (Gate)
        {
            if (!initialized || finalized) return;
            library!.Abort(library.World, code);
        }
    }

    internal static void Check(int code, string call)
    {
        if (code != 0) throw new CommunicationException($"{call} failed with MPI error code {code}");
    }
}
