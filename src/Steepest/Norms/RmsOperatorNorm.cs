namespace Steepest.Norms;

/// <summary>
/// The RMS→RMS operator norm of a fan_out×fan_in weight: ‖W‖ = √(fan_in/fan_out)·σ₁(W), the norm modular duality
/// assigns to a Linear layer. Its steepest step is −(α/2)·(fan_out/fan_in)·(Σσᵢ)·U·Vᵀ: Muon's update with its shape scaling.
/// </summary>
public sealed class RmsOperatorNorm : SpectralNorm
{
    /// <summary>Binds the norm to a rows×columns (fan_out×fan_in) shape.</summary>
    public RmsOperatorNorm(int rows, int columns) : base(rows, columns, Math.Sqrt((double)columns / rows)) { }

    /// <inheritdoc/>
    public override string Name => "rms";
    /// <inheritdoc/>
    public override string Symbol => "‖X‖_RMS→RMS";
    /// <inheritdoc/>
    public override string DualSymbol => "√(fan_out/fan_in)·‖G‖_*";
    /// <inheritdoc/>
    public override string StepFormula => "u = −(α/2)·(fan_out/fan_in)·(Σσᵢ)·U·Vᵀ";
    /// <inheritdoc/>
    public override string RecoveredOptimizer => "the orthogonalized update U·Vᵀ scaled by √(fan_out/fan_in): Muon, Shampoo without accumulation";
}
