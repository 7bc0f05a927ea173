using BlockStore.Testing;

namespace BlockStore.EndToEnd.Tests;

/// <summary>BlockStore with API-token auth: the agent authenticates with its own agent token.</summary>
public sealed class TokenAuthFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("blockstore-tokens-").FullName;

    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync(new LocalStackOptions
    {
        DataDirectory = Path.Combine(_root, "stack"),
        ServerSettings = new Dictionary<string, string>
        {
            ["BlockStore:Auth:Mode"] = "token",
            // Revocations take effect at once, so the test can see one.
            ["BlockStore:Auth:CacheFor"] = "00:00:00",
        },
        Agents = [new AgentSpec { HostName = "secure", DataDirectory = Path.Combine(_root, "agent"), CapacityGib = 100 }],
    });

    public Task<string> IssueAsync(string project, string role) => Stack.IssueTokenAsync(["issue", "--project", project, "--role", role]);

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
