using BlockStore.Testing;

namespace BlockStore.Agent.Tests.Drivers.Rbd;

/// <summary>One Ceph cluster for every RBD test (it takes seconds to boot); tests keep apart by their own volume names.</summary>
public sealed class CephFixture : IAsyncLifetime
{
    private CephCluster? _cluster;

    public CephCluster Cluster => _cluster ?? throw new InvalidOperationException("Ceph has not started.");

    public async Task InitializeAsync() => _cluster = await CephCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
