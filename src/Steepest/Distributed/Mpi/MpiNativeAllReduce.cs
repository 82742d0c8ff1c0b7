using Steepest.Distributed.Reducers;

namespace Steepest.Distributed.Mpi;

/// <summary>
/// The reference: MPI_Allreduce(MPI_IN_PLACE, …, MPI_SUM), then divided by n, with whatever algorithm the MPI library
/// picks. With <c>divide: false</c> it leaves the bare sum, which is what a bandwidth benchmark should time.
/// </summary>
public sealed unsafe class MpiNativeAllReduce : IGradientReducer
{
    private readonly MpiCommunicator communicator;
    private readonly bool divide;

    /// <summary>Binds to an MPI communicator (from <see cref="MpiRuntime.Initialize"/>); <paramref name="divide"/> false leaves Σ g instead of Σ g / n.</summary>
    public MpiNativeAllReduce(ICommunicator communicator, bool divide = true)
    {
        this.communicator = communicator as MpiCommunicator ?? throw new ArgumentException("MPI_Allreduce needs the MPI communicator");
        this.divide = divide;
    }

    /// <inheritdoc/>
    public string Name => "mpi-allreduce";

    /// <inheritdoc/>
    public int Workers => communicator.Size;

    /// <summary>Not counted: the library's own schedule is invisible to us.</summary>
    public TrafficCounter Traffic { get; } = new();

    /// <inheritdoc/>
    public void Average(Span<float> gradient)
    {
        var mpi = communicator.Library;
        fixed (float* pointer = gradient)
            MpiRuntime.Check(mpi.Allreduce(mpi.InPlace, pointer, gradient.Length, mpi.Float, mpi.Sum, communicator.World), "MPI_Allreduce");
        if (divide) LinearAlgebra.InCacheArithmetic.Scale(gradient, 1f / communicator.Size);
    }

    /// <summary>Unknown: the library chooses its algorithm at run time.</summary>
    public CommunicationPlan Plan(int parameters) => CommunicationPlan.Silent("chosen by the MPI library");
}
