using BlockStore.Testing;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// One running BlockStore for the end-to-end tests: a healthy file agent in zone <c>nova</c>, and a broken one
/// (its volumes directory is a plain file) in zone <c>broken</c>. Agents answer within a short timeout.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const int GigabytesQuota = 20;
    public static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(4);

    private readonly string _root = Directory.CreateTempSubdirectory("blockstore-e2e-").FullName;

    public LocalStack Stack { get; private set; } = null!;

    public string HealthyDataDirectory => Path.Combine(_root, "agent-healthy");

    public async Task InitializeAsync()
    {
        var broken = Path.Combine(_root, "agent-broken");
        Directory.CreateDirectory(broken);
        // The file driver keeps volumes in <data>/volumes: a plain file there makes every create fail for real.
        await File.WriteAllTextAsync(Path.Combine(broken, "volumes"), "not a directory");

        Stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            DataDirectory = Path.Combine(_root, "stack"),
            ServerSettings = new Dictionary<string, string>
            {
                ["BlockStore:AgentTimeout"] = AgentTimeout.ToString(),
                ["BlockStore:Quotas:Gigabytes"] = GigabytesQuota.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["BlockStore:Quotas:Volumes"] = "10",
            },
            Agents =
            [
                new AgentSpec { HostName = "node1", AvailabilityZone = "nova", DataDirectory = HealthyDataDirectory, CapacityGib = 500 },
                new AgentSpec { HostName = "node2", AvailabilityZone = "broken", DataDirectory = broken, CapacityGib = 500 },
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
