namespace Steepest.Training;

/// <summary>The complete checkpoint a --resume folder resumes from.</summary>
/// <param name="Folder">The generation's own folder (DIR/generation-STEPS), or DIR itself for a checkpoint of the earlier flat layout.</param>
/// <param name="FallbackNote">Set when newer generations were torn and skipped: which, why, and which one is used instead.</param>
public sealed record CheckpointGeneration(string Folder, string? FallbackNote);
