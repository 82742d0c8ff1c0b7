using Steepest.Training;

namespace Steepest.Cli.Infrastructure;

/// <summary>One JSON object per evaluation, each line written whole and flushed, so a reader never sees half a row.</summary>
public sealed class JsonlLog(string path, bool append) : IDisposable
{
    private readonly StreamWriter writer = new(path, append) { AutoFlush = false };

    /// <summary>
    /// Appends one evaluation: for epochs {epoch, step, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds,
    /// samplesPerSecond, learningRate}; for text {step, evaluation, trainLoss, trainAccuracy, valLoss, valAccuracy,
    /// seconds, samplesPerSecond, tokensPerSecond, learningRate}.
    /// </summary>
    public void Write(EpochMetrics m, bool countsSteps = false)
    {
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
    public void Dispose() => writer.Dispose();
}
