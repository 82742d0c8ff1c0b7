using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Steepest.Norms;

namespace Steepest.Tests.Serve;

/// <summary>
/// The explorer in a real browser: drag g in the ℓ∞ playground and read u back, run the convergence lab and read the
/// three limits, watch a log grow on the dashboard. Each page is screenshotted into TestResults/.
/// </summary>
public sealed class BrowserTests(ServerFixture server, Browser browser) : IClassFixture<ServerFixture>, IClassFixture<Browser>
{
    private async Task<IPage> Open(string hash)
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        await page.GotoAsync($"{server.Server.Address}/#{hash}");
        Assert.Empty(errors);
        return page;
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Browser.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, name), FullPage = true });
    }

    private static double[] Values(string json) => JsonSerializer.Deserialize<double[]>(json)!;

    [ChromiumFact]
    public async Task Dragging_g_in_the_linf_playground_shows_the_librarys_sign_step()
    {
        var page = await Open("playground");
        await page.SelectOptionAsync("#norm", "linf");
        var handle = page.Locator("#g-handle");
        await handle.WaitForAsync();
        var start = (await handle.BoundingBoxAsync())!;
        // Drag from g = (1.5, −0.75) to about (−1, 2): 60 pixels per unit, y up.
        await page.Mouse.MoveAsync(start.X + start.Width / 2, start.Y + start.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(start.X + start.Width / 2 - 150, start.Y + start.Height / 2 - 165, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('g-value').textContent.startsWith('g = [-')");
        await page.WaitForTimeoutAsync(300);
        string shown = (await page.TextContentAsync("#g-value"))!;
        double[] g = shown[5..^1].Split(", ").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(g[0], -1.2, -0.8);
        Assert.InRange(g[1], 1.8, 2.2);
        double[] u = Values((await page.GetAttributeAsync("#u-value", "data-values"))!);
        double[] expected = new LInfinityNorm().SteepestStep(g, 1);
        for (int i = 0; i < 2; i++) Assert.Equal(expected[i], u[i], 9);
        // The sign step: both coordinates move by (α/2)·‖g‖₁ against the sign of g.
        Assert.Equal(-(Math.Abs(g[0]) + Math.Abs(g[1])) / 2 * Math.Sign(g[0]), u[0], 9);
        Assert.Equal("u = −(α/2)·‖g‖₁·sign(g)", await page.TextContentAsync("#formula"));
        Assert.Equal(241, await page.EvaluateAsync<int>("() => document.getElementById('ball').points.length"));
        await Screenshot(page, "serve-playground.png");
    }

    [ChromiumFact]
    public async Task The_convergence_lab_shows_problem_2s_three_limits()
    {
        var page = await Open("lab");
        await page.WaitForSelectorAsync("#limits tbody tr:nth-child(3)");
        async Task<string> Limit(string optimizer) => (await page.TextContentAsync($"#limits tr[data-optimizer='{optimizer}'] td.limit"))!;
        Assert.Equal("[0.9900, 0.0990, 0.0099]", await Limit("sgd"));
        Assert.Equal("[0.9009, 0.9009, 0.9009]", await Limit("epoch-adam"));
        Assert.Equal("[0.3333, 3.3333, 33.3333]", await Limit("rescale+sgd"));
        Assert.Equal("[0.9900, 0.0990, 0.0099]", await page.TextContentAsync("#limits tr[data-optimizer='sgd'] td.predicted"));
        await page.WaitForTimeoutAsync(2000);
        Assert.Equal(3, await page.Locator("#lab-plane polyline").CountAsync());
        await Screenshot(page, "serve-lab.png");
    }

    [ChromiumFact]
    public async Task The_communication_calculator_counts_and_plots()
    {
        var page = await Open("comm");
        await page.WaitForSelectorAsync("#messages tbody tr:nth-child(3)");
        Assert.Equal("n(n−1) = 12", await page.TextContentAsync("#messages tr[data-strategy='all-to-all'] td:nth-child(3)"));
        Assert.Equal("2n(n−1) = 24", await page.TextContentAsync("#messages tr[data-strategy='ring'] td:nth-child(3)"));
        await page.Locator("#n").FillAsync("8");
        await page.WaitForFunctionAsync("() => document.querySelector(\"#messages tr[data-strategy='all-to-all'] td:nth-child(3)\").textContent === 'n(n−1) = 56'");
        Assert.Equal(3, await page.Locator("#comm-plot polyline").CountAsync());
        await Screenshot(page, "serve-comm.png");
    }

    [ChromiumFact]
    public async Task A_row_appended_to_a_log_appears_on_the_open_dashboard()
    {
        string log = Path.Combine(server.Runs, "live.jsonl");
        static string Row(int epoch) => $"{{\"epoch\":{epoch},\"step\":{epoch * 100},\"trainLoss\":{2.0 / epoch:R},\"trainAccuracy\":{1 - 0.5 / epoch:R},\"testLoss\":{2.2 / epoch:R},\"testAccuracy\":{1 - 0.6 / epoch:R}}}\n";
        File.WriteAllText(log, Row(1) + Row(2) + "a torn line\n");
        File.SetLastWriteTimeUtc(log, DateTime.UtcNow.AddMinutes(1));
        var page = await Open("dashboard");
        await page.WaitForSelectorAsync("#run-status li[data-run='live.jsonl'][data-rows='2']");
        Assert.Contains("line 3 skipped", await page.TextContentAsync("#notes"));
        File.AppendAllText(log, Row(3));
        var appended = DateTime.UtcNow;
        await page.WaitForSelectorAsync("#run-status li[data-run='live.jsonl'][data-rows='3']", new PageWaitForSelectorOptions { Timeout = 10_000 });
        var seen = DateTime.UtcNow - appended;
        Assert.True(seen < TimeSpan.FromSeconds(2), $"the new row took {seen.TotalSeconds:F1} s to appear");
        Assert.Equal("3", await page.GetAttributeAsync("#loss-plot polyline[data-series='live.jsonl testLoss']", "data-points"));
        await Screenshot(page, "serve-dashboard.png");
    }
}
