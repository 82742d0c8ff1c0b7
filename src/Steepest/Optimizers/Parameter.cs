namespace Steepest.Optimizers;

/// <summary>A named float buffer with a shape, its gradient buffer, and the role routing needs.</summary>
public sealed class Parameter
{
    /// <summary>Creates a zero-initialized parameter of the given shape (1-D: [n]; 2-D: [rows, columns], row-major).</summary>
    public Parameter(string name, int[] shape, ParameterRole role = ParameterRole.Other)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length is < 1 or > 2) throw new ArgumentException($"{name}: shape must have 1 or 2 dimensions, got {shape.Length}");
        if (shape.Any(d => d < 1)) throw new ArgumentException($"{name}: every dimension must be ≥ 1, got [{string.Join(", ", shape)}]");
        long length = shape.Aggregate(1L, (a, b) => a * b);
        if (length > Array.MaxLength) throw new ArgumentException($"{name}: {length} values is too many for one buffer");
        Name = name;
        Shape = (int[])shape.Clone();
        Role = role;
        Value = new float[length];
        Gradient = new float[length];
    }

    /// <summary>Unique name within a model (used as the key in optimizer state files).</summary>
    public string Name { get; }

    /// <summary>The shape: [n] or [rows, columns].</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>What the parameter is for.</summary>
    public ParameterRole Role { get; }

    /// <summary>The values, row-major.</summary>
    public float[] Value { get; }

    /// <summary>The gradient, same layout as <see cref="Value"/>.</summary>
    public float[] Gradient { get; }

    /// <summary>Number of values.</summary>
    public int Length => Value.Length;

    /// <summary>True for 2-D parameters.</summary>
    public bool IsMatrix => Shape.Count == 2;

    /// <summary>Rows (1 for a vector).</summary>
    public int Rows => IsMatrix ? Shape[0] : 1;

    /// <summary>Columns (the length for a vector).</summary>
    public int Columns => IsMatrix ? Shape[1] : Shape[0];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join("×", Shape)}] ({Role})";
}
