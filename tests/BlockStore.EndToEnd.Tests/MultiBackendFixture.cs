using BlockStore.Testing;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// One agent serving a Ceph RBD backend (a real single-node cluster) and a file backend in zone <c>nova</c>, and a
/// second agent in zone <c>retry</c> with a roomy but broken file backend beside a small healthy one.
/// </summary>
public sealed class MultiBackendFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("blockstore-multi-").FullName;

    public CephCluster Ceph { get; private set; } = null!;

    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ceph = await CephCluster.StartAsync();
        var broken = Path.Combine(_root, "broken");
        Directory.CreateDirectory(broken);
        await File.WriteAllTextAsync(Path.Combine(broken, "volumes"), "not a directory");

        Stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            DataDirectory = Path.Combine(_root, "stack"),
            Agents =
            [
                new AgentSpec
                {
                    HostName = "multi",
                    Backends =
                    [
                        new BackendSpec
                        {
                            Name = "ceph",
                            Driver = "rbd",
                            DataDirectory = Path.Combine(_root, "ceph-journal"),
                            Settings = new Dictionary<string, string>
                            {
                                ["Rbd:Pool"] = Ceph.Pool,
                                ["Rbd:CephConf"] = Ceph.ConfPath,
                                ["Rbd:User"] = Ceph.User,
                                ["Rbd:Keyring"] = Ceph.KeyringPath,
                                ["Rbd:SecretUuid"] = "457eb676-33da-42ec-9a8c-9293d545c337",
                            },
                        },
                        new BackendSpec { Name = "files", DataDirectory = Path.Combine(_root, "files"), CapacityGib = 100 },
                    ],
                },
                new AgentSpec
                {
                    HostName = "pair",
                    Backends =
                    [
                        new BackendSpec { Name = "flaky", AvailabilityZone = "retry", DataDirectory = broken, CapacityGib = 10_000 },
                        new BackendSpec { Name = "steady", AvailabilityZone = "retry", DataDirectory = Path.Combine(_root, "steady"), CapacityGib = 100 },
                    ],
                },
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        if (Ceph is not null)
        {
            await Ceph.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
