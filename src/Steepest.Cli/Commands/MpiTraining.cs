using Steepest.Cli.Infrastructure;

namespace Steepest.Cli.Commands;

/// <summary>Training over MPI ranks (see the MPI backend).</summary>
public static class MpiTraining
{
    /// <summary>Runs this process's rank of an MPI training job.</summary>
    public static int Run(TrainCommand.Plan plan, CliOutput io) =>
        throw new UsageException("--backend mpi is not available in this build yet; use --backend inproc with --workers N");
}
