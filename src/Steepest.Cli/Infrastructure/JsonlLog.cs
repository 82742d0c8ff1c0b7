using Steepest.Training;

namespace Steepest.Cli.Infrastructure;

/// <summary>
/// One JSON object per evaluation, each line written whole and flushed, so a reader never sees half a row. The file is
/// opened at the first row: a run that fails before its first evaluation leaves no empty log behind.
/// </summary>
public sealed class JsonlLog(string path, bool append) : IDisposable
{
    private StreamWriter? writer;

    /// <summary>
    /// Appends one evaluation: for epochs {epoch, step, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds,
    /// samplesPerSecond, learningRate}; for text {step, evaluation, trainLoss, trainAccuracy, valLoss, valAccuracy,
    /// seconds, samplesPerSecond, tokensPerSecond, learningRate}.
    /// </summary>
    public void Write(EpochMetrics m, bool countsSteps = false)
    {
        writer ??= new StreamWriter(path, append) { AutoFlush = false };
        writer.WriteLine(Json.Document(w =>
        {
            w.WriteStartObject();
            if (countsSteps)
            {
                w.WriteNumber("step", m.Step);
                w.WriteNumber("evaluation", m.Epoch);
            }
            else
            {
                w.WriteNumber("epoch", m.Epoch);
                w.WriteNumber("step", m.Step);
            }
            w.Number("trainLoss", m.TrainLoss);
            w.Number("trainAccuracy", m.TrainAccuracy);
            w.Number(countsSteps ? "valLoss" : "testLoss", m.TestLoss);
            w.Number(countsSteps ? "valAccuracy" : "testAccuracy", m.TestAccuracy);
            w.Number("seconds", m.Seconds);
            w.Number("samplesPerSecond", m.SamplesPerSecond);
            if (countsSteps) w.Number("tokensPerSecond", m.TokensPerSecond);
            w.Number("learningRate", m.LearningRate);
            w.WriteEndObject();
        }, indented: false));
        writer.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => writer?.Dispose();
}
