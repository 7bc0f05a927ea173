using System.Text.Json;
using BlockStore.ControlPlane.Auth;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using BlockStore.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Agents;

/// <summary>The endpoints agents call: command replies (raised as orchestration events) and capacity reports.</summary>
public sealed class AgentApi(CinderPipeline pipeline, IAuthenticator authenticator, WorkflowClients workflows, PoolStore pools)
{
    public Task<CinderResult> ReplyAsync(HttpContext http) => pipeline.RunUnscopedAsync(http, async () =>
    {
        // Any agent may answer: the command id it must echo is unguessable, and the orchestration ignores others.
        await authenticator.AuthenticateAgentAsync(http);
        var reply = await ReadAsync<AgentReply>(http);
        if (string.IsNullOrEmpty(reply.CommandId) || !IsOperationInstance(reply.InstanceId))
        {
            throw new BadRequestException("Invalid agent reply: it must name a command and an operation instance.");
        }

        // The instance exists: it dispatched the command being answered. A reply for an operation that
        // has already ended is dropped by the runtime; the agent may forget it either way.
        await workflows.For(http).RaiseEventAsync(reply.InstanceId, WorkflowNames.AgentReplyEvent, reply, http.RequestAborted);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> CapacityAsync(HttpContext http) => pipeline.RunUnscopedAsync(http, async () =>
    {
        var agentHost = await authenticator.AuthenticateAgentAsync(http);
        var report = await ReadAsync<CapacityReport>(http);
        if (string.IsNullOrEmpty(report.BackendHost) || !report.BackendHost.Contains('@', StringComparison.Ordinal) || report.Pools is null)
        {
            throw new BadRequestException("Invalid capacity report: it must name a host@backend and list its pools.");
        }

        if (agentHost is not null && !report.BackendHost.StartsWith(agentHost + "@", StringComparison.Ordinal))
        {
            throw new ForbiddenException($"Agent {agentHost} may not report for {report.BackendHost}.");
        }

        await pools.RecordAsync(report, http.RequestAborted);
        return CinderResult.Empty(204);
    });

    private static async Task<T> ReadAsync<T>(HttpContext http) =>
        await JsonSerializer.DeserializeAsync<T>(http.Request.Body, AgentProtocol.JsonOptions, http.RequestAborted)
        ?? throw new BadRequestException("Malformed request body");

    private static bool IsOperationInstance(string? instanceId)
    {
        var parts = (instanceId ?? "").Split(':');
        return parts.Length == 2 && Guid.TryParse(parts[0], out _) && parts[1].Length > 0;
    }
}
