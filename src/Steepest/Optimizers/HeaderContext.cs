using System.Text.Json.Serialization;

namespace Steepest.Optimizers;

/// <summary>Source-generated JSON metadata for the state file header (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(OptimizerStateFile.Header))]
internal sealed partial class HeaderContext : JsonSerializerContext;
