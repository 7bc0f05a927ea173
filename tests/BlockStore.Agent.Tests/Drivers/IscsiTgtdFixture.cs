using BlockStore.Testing;

namespace BlockStore.Agent.Tests.Drivers;

/// <summary>One private tgtd per test class; tests keep apart by their volume names (hence target IQNs).</summary>
public sealed class IscsiTgtdFixture : IAsyncLifetime
{
    private TgtDaemon? _daemon;

    public TgtDaemon Daemon => _daemon ?? throw new InvalidOperationException("tgtd has not started.");

    public async Task InitializeAsync() => _daemon = await TgtDaemon.StartAsync();

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }
}
