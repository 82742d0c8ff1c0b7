using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steepest.Cli.Infrastructure;
using Steepest.Optimizers;

namespace Steepest.Cli.Serve;

/// <summary>
/// The web server behind <c>steepest serve</c>: Kestrel from the shared ASP.NET Core framework, the page and its script
/// from this assembly's resources (so it works offline and from an installed tool), and the JSON endpoints of
/// <see cref="ExplorerApi"/>. Every failure is answered with one plain-text line: 400 for bad input, 404 for
/// something absent, 500 otherwise, never a stack trace.
/// </summary>
public sealed class ExplorerServer : IDisposable
{
    /// <summary>The most a request line or a form body may hold: room for 10⁴ numbers and well beyond, so the endpoint itself can refuse longer lists in words.</summary>
    private const int MaxRequestBytes = 4 << 20;

    private readonly WebApplication app;

    private ExplorerServer(WebApplication app, string address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>Where the explorer answers, e.g. http://127.0.0.1:5080.</summary>
    public string Address { get; }

    /// <summary>Starts listening on <paramref name="host"/>:<paramref name="port"/> (0: a free port) and returns once it accepts requests.</summary>
    public static ExplorerServer Start(string host, int port, RunFolder runs)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBufferSize = 2L * MaxRequestBytes;
            k.Limits.MaxRequestLineSize = MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = MaxRequestBytes + (64 << 10);
            k.Limits.MaxRequestBodySize = MaxRequestBytes;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueLengthLimit = MaxRequestBytes);
        builder.WebHost.UseUrls($"http://{(host.Contains(':') ? $"[{host}]" : host)}:{port}");
        var app = builder.Build();
        var api = new ExplorerApi(runs);
        app.MapGet("/", Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/app.js", Asset("app.js", "text/javascript; charset=utf-8"));
        app.MapGet("/style.css", Asset("style.css", "text/css; charset=utf-8"));
        Endpoint(app, "/api/derive", ExplorerApi.DeriveParameters, api.Derive);
        Endpoint(app, "/api/converge", ExplorerApi.ConvergeParameters, api.Converge);
        Endpoint(app, "/api/comm", ExplorerApi.CommParameters, api.Communication);
        Endpoint(app, "/api/calibrate", ExplorerApi.CalibrateParameters, api.Calibrate);
        Endpoint(app, "/api/runs", ExplorerApi.RunsParameters, api.Runs);
        Endpoint(app, "/api/run", ExplorerApi.RunParameters, api.Run);
        app.MapFallback(context => Line(context, StatusCodes.Status404NotFound, $"nothing at {context.Request.Path}; the explorer is at /"));
        app.StartAsync().GetAwaiter().GetResult();
        string address = app.Urls.First();
        return new ExplorerServer(app, address);
    }

    /// <summary>Blocks until Ctrl+C, SIGTERM or <paramref name="cancellation"/>.</summary>
    public void WaitForShutdown(CancellationToken cancellation)
    {
        using var registration = cancellation.Register(() => app.Lifetime.StopApplication());
        app.WaitForShutdownAsync().GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public void Dispose() => app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void Endpoint(WebApplication app, string path, string[] parameters, Func<ApiQuery, string> handler)
    {
        async Task Handle(HttpContext context)
        {
            string body;
            try
            {
                var query = await ApiQuery.ReadAsync(context.Request, parameters);
                // The library computes synchronously; off the request thread so a long calibration blocks no other request.
                body = await Task.Run(() => handler(query), context.RequestAborted);
            }
            catch (Exception e) when (e is UsageException or InvalidHyperparameterException or InvalidDataException or BadHttpRequestException)
            {
                await Line(context, StatusCodes.Status400BadRequest, ApiQuery.Rephrase(e is InvalidHyperparameterException h ? HyperparameterOptions.Blame(h).Message : e.Message));
                return;
            }
            catch (NotFoundException e)
            {
                await Line(context, StatusCodes.Status404NotFound, e.Message);
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                await Line(context, StatusCodes.Status500InternalServerError, e.Message);
                return;
            }
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(body);
        }
        app.MapMethods(path, ["GET", "POST"], Handle);
    }

    /// <summary>One line of plain text with a status code: how every endpoint refuses.</summary>
    private static Task Line(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message.ReplaceLineEndings(" ").Trim() + "\n");
    }

    private static RequestDelegate Asset(string name, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"wwwroot/{name}")
            ?? throw new InvalidOperationException($"the explorer's {name} is missing from the build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        byte[] bytes = memory.ToArray();
        return async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self'; img-src 'self' data:";
            await context.Response.Body.WriteAsync(bytes);
        };
    }
}
