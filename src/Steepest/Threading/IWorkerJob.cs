namespace Steepest.Threading;

/// <summary>A partitioned piece of work for <see cref="WorkerTeam"/>; reusable, so hot loops run without allocating.</summary>
internal interface IWorkerJob
{
    /// <summary>Runs part <paramref name="part"/> of the job.</summary>
    void Execute(int part);
}
