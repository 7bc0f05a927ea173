using BlockStore.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.ControlPlane.Tests.Transfers;

/// <summary>One Azurite and the control plane's stores on it; tests isolate themselves by project id.</summary>
public sealed class TransferStoreFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlockStore:StorageConnectionString"] = _azurite.ConnectionString,
        }).Build();
        Services = new ServiceCollection().AddLogging().AddBlockStoreControlPlane(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
