using Steepest.Data;
using Steepest.Tests.Distributed.Mpi;

namespace Steepest.Tests.Docs;

/// <summary>A theory over commands that read MNIST: skipped, with the reason, where the data cannot be found.</summary>
public sealed class MnistTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when neither $STEEPEST_DATA nor the cache holds MNIST, or MPI is needed and missing.</summary>
    public MnistTheoryAttribute(bool needsMpi = false)
    {
        if (MnistFiles.Locate(null) is null) Skip = "MNIST is not found ($STEEPEST_DATA or ~/.cache/steepest/mnist): the documented MNIST runs are checked where it is";
        else if (needsMpi && MpiLauncher.SkipReason is { } reason) Skip = reason;
    }
}
