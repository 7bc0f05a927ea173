using System.Collections.Concurrent;
using BlockStore.Core.Agents;
using BlockStore.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlockStore.Agent.Tests.Commands;

/// <summary>
/// A real HTTP endpoint in place of the control plane's agent API: it records what the agent posts and
/// answers replies with the status code the test chooses.
/// </summary>
public sealed class FakeControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeControlPlane(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<AgentReply> Replies { get; } = new();

    public ConcurrentQueue<CapacityReport> CapacityReports { get; } = new();

    public int ReplyStatusCode { get; set; } = StatusCodes.Status202Accepted;

    public static async Task<FakeControlPlane> StartAsync()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var controlPlane = new FakeControlPlane(app, url);
        app.MapPost(AgentProtocol.RepliesPath, async (HttpContext context) =>
        {
            var reply = await context.Request.ReadFromJsonAsync<AgentReply>(AgentProtocol.JsonOptions, context.RequestAborted);
            controlPlane.Replies.Enqueue(reply!);
            return Results.StatusCode(controlPlane.ReplyStatusCode);
        });
        app.MapPost(AgentProtocol.CapacityPath, async (HttpContext context) =>
        {
            var report = await context.Request.ReadFromJsonAsync<CapacityReport>(AgentProtocol.JsonOptions, context.RequestAborted);
            controlPlane.CapacityReports.Enqueue(report!);
            return Results.NoContent();
        });
        await app.StartAsync();
        return controlPlane;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
