namespace Steepest.Training;

/// <summary>A --resume folder that this run cannot continue: not a checkpoint, a part missing or corrupt, or made with other settings.</summary>
public sealed class InvalidCheckpointException(string message) : ArgumentException(message);
