namespace Steepest.Tests.Cli;

/// <summary>Every command's help renders: Spectre reads descriptions as markup, so a stray '[' breaks --help.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("tour")]
    [InlineData("derive")]
    [InlineData("converge")]
    [InlineData("train")]
    [InlineData("sweep")]
    [InlineData("plot")]
    [InlineData("comm")]
    [InlineData("bench", "gemm")]
    [InlineData("bench", "optimizer")]
    [InlineData("bench", "allreduce")]
    public void HelpRendersEveryOption(params string[] command)
    {
        var result = CliRunner.Run([.. command, "--help"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        Assert.Equal("", result.Error);
        Assert.Contains("OPTIONS:", result.Output);
        Assert.Contains("--help", result.Output);
    }
}
