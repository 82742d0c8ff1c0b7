using Steepest.Training;

namespace Steepest.Cli.Infrastructure;

/// <summary>One JSON object per epoch, each line written whole and flushed, so a reader never sees half an epoch.</summary>
public sealed class JsonlLog(string path, bool append) : IDisposable
{
    private readonly StreamWriter writer = new(path, append) { AutoFlush = false };

    /// <summary>Appends one epoch.</summary>
    public void Write(EpochMetrics m)
    {
        writer.WriteLine(Json.Document(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", m.Epoch);
            w.Number("trainLoss", m.TrainLoss);
            w.Number("trainAccuracy", m.TrainAccuracy);
            w.Number("testLoss", m.TestLoss);
            w.Number("testAccuracy", m.TestAccuracy);
            w.Number("seconds", m.Seconds);
            w.Number("samplesPerSecond", m.SamplesPerSecond);
            w.Number("learningRate", m.LearningRate);
            w.WriteEndObject();
        }, indented: false));
        writer.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => writer.Dispose();
}
