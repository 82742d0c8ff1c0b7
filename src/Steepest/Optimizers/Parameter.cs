namespace Steepest.Optimizers;

/// <summary>A named float buffer of any rank with its gradient buffer, the kind of module that owns it, and where it sits.</summary>
public sealed class Parameter
{
    /// <summary>
    /// Creates a zero-initialized parameter of the given shape (row-major; a conv's is [out, in, kh, kw]).
    /// <paramref name="isInputLayer"/> marks the weights of a module that reads the model's raw input.
    /// </summary>
    public Parameter(string name, int[] shape, ParameterKind kind = ParameterKind.Other, bool isInputLayer = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < 1) throw new ArgumentException($"{name}: shape must have at least 1 dimension");
        if (shape.Any(d => d < 1)) throw new ArgumentException($"{name}: every dimension must be ≥ 1, got [{string.Join(", ", shape)}]");
        long length = shape.Aggregate(1L, (a, b) => a * b);
        if (length > Array.MaxLength) throw new ArgumentException($"{name}: {length} values is too many for one buffer");
        Name = name;
        Shape = (int[])shape.Clone();
        Kind = kind;
        IsInputLayer = isInputLayer;
        Value = new float[length];
        Gradient = new float[length];
    }

    /// <summary>Unique name within a model (used as the key in optimizer state files).</summary>
    public string Name { get; }

    /// <summary>The shape, outermost dimension first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The kind of module that owns the parameter.</summary>
    public ParameterKind Kind { get; }

    /// <summary>True for the weights of the first module, which reads the data itself (Muon leaves those to AdamW by default).</summary>
    public bool IsInputLayer { get; }

    /// <summary>The values, row-major.</summary>
    public float[] Value { get; }

    /// <summary>The gradient, same layout as <see cref="Value"/>.</summary>
    public float[] Gradient { get; }

    /// <summary>Number of values.</summary>
    public int Length => Value.Length;

    /// <summary>True for parameters of rank ≥ 2, which matrix methods see as <see cref="Rows"/>×<see cref="Columns"/>.</summary>
    public bool IsMatrix => Shape.Count >= 2;

    /// <summary>Rows of the matrix view: the first dimension (1 for a vector).</summary>
    public int Rows => IsMatrix ? Shape[0] : 1;

    /// <summary>Columns of the matrix view: the product of the other dimensions (out×in×kh×kw → in·kh·kw), or the length of a vector.</summary>
    public int Columns => IsMatrix ? Length / Shape[0] : Shape[0];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join("×", Shape)}] ({Kind}{(IsInputLayer ? ", input layer" : "")})";
}
