using BlockStore.Agent.Backends;
using BlockStore.Core.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Capacity;

/// <summary>Reports every backend's pool at startup and then every <see cref="AgentOptions.ReportInterval"/>.</summary>
internal sealed class CapacityReporter(
    IReadOnlyList<AgentBackend> backends,
    ControlPlaneClient controlPlane,
    IOptions<AgentOptions> options,
    ILogger<CapacityReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval);
        try
        {
            do
            {
                await Task.WhenAll(backends.Select(backend => ReportAsync(backend, stoppingToken)));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReportAsync(AgentBackend backend, CancellationToken cancellationToken)
    {
        try
        {
            var pool = await backend.Driver.GetCapacityAsync(cancellationToken);
            await controlPlane.SendCapacityAsync(new CapacityReport { BackendHost = backend.BackendHost, Pools = [pool] }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The next interval is the retry; stale stats age out of scheduling on the control plane's side.
            logger.LogWarning("Could not report the capacity of {BackendHost}: {Reason}", backend.BackendHost, e.Message);
        }
    }
}
