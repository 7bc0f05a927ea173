using System.Net;
using System.Net.Http.Json;
using BlockStore.Core.Agents;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent;

/// <summary>The agent's side of the control plane's agent endpoints: replies and capacity reports.</summary>
internal sealed class ControlPlaneClient(IHttpClientFactory httpClientFactory, IOptions<AgentOptions> options)
{
    public const string HttpClientName = "ControlPlane";

    private readonly Uri _repliesUrl = new(options.Value.ControlPlaneUrl.TrimEnd('/') + AgentProtocol.RepliesPath);
    private readonly Uri _capacityUrl = new(options.Value.ControlPlaneUrl.TrimEnd('/') + AgentProtocol.CapacityPath);

    /// <summary>The control plane's answer; a network failure throws <see cref="HttpRequestException"/>.</summary>
    public async Task<HttpStatusCode> SendReplyAsync(AgentReply reply, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync(_repliesUrl, reply, AgentProtocol.JsonOptions, cancellationToken);
        return response.StatusCode;
    }

    public async Task SendCapacityAsync(CapacityReport report, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync(_capacityUrl, report, AgentProtocol.JsonOptions, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private HttpClient CreateClient()
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        if (options.Value.ControlPlaneToken is { Length: > 0 } token)
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        }

        return client;
    }
}
