using System.Security.Cryptography;
using BlockStore.Testing;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// A real Keystone (scripts/keystone/start.sh) and BlockStore in keystone mode behind it, registered in Keystone's
/// catalog as Cinder is (volumev3 and block-storage). Keystone holds a service user for BlockStore (admin in project
/// <c>service</c>), and a project with a member and a reader; the agent keeps its BlockStore agent token.
/// </summary>
public sealed class KeystoneFixture : IAsyncLifetime
{
    public const string Region = "RegionOne";

    private readonly string _root = Directory.CreateTempSubdirectory("blockstore-keystone-").FullName;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public Keystone Keystone { get; private set; } = null!;

    public LocalStack Stack { get; private set; } = null!;

    /// <summary>The project the member and the reader work in.</summary>
    public string ProjectName => $"alpha-{_suffix}";

    public string ProjectId { get; private set; } = "";

    public string MemberName => $"member-{_suffix}";

    public string ReaderName => $"reader-{_suffix}";

    /// <summary>All users' password (random per run: never a secret in the repository).</summary>
    public string Password { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>How long Keystone took to start (the script's template copy, MariaDB, uwsgi): reported by the tests.</summary>
    public TimeSpan KeystoneStartupTime => Keystone.StartupTime;

    public async Task InitializeAsync()
    {
        Keystone = await Keystone.StartAsync(Path.Combine(_root, "keystone"));
        var service = await Keystone.CreateProjectAsync($"service-{_suffix}");
        await Keystone.CreateUserAsync($"blockstore-{_suffix}", Password, service, "admin");
        ProjectId = await Keystone.CreateProjectAsync(ProjectName);
        await Keystone.CreateUserAsync(MemberName, Password, ProjectId, "member");
        await Keystone.CreateUserAsync(ReaderName, Password, ProjectId, "reader");

        Stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            DataDirectory = Path.Combine(_root, "stack"),
            ServerSettings = new Dictionary<string, string>
            {
                ["BlockStore:Auth:Mode"] = "keystone",
                ["BlockStore:Auth:Keystone:AuthUrl"] = Keystone.AuthUrl,
                ["BlockStore:Auth:Keystone:Username"] = $"blockstore-{_suffix}",
                ["BlockStore:Auth:Keystone:Password"] = Password,
                ["BlockStore:Auth:Keystone:ProjectName"] = $"service-{_suffix}",
                // This Keystone (one uwsgi worker on a shared, loaded test machine) can take over 30 s per token.
                ["BlockStore:Auth:Keystone:Timeout"] = "00:02:00",
            },
            Agents = [new AgentSpec { HostName = "keystone", DataDirectory = Path.Combine(_root, "agent"), CapacityGib = 100 }],
        });
        foreach (var type in new[] { "volumev3", "block-storage" })
        {
            await Keystone.RegisterServiceAsync(type, $"blockstore-{type}", Stack.ApiUrl + "/v3/%(project_id)s");
        }
    }

    /// <summary>A token of <paramref name="user"/> scoped to the fixture's project (admin: to project admin).</summary>
    public Task<string> TokenAsync(string user) =>
        user == "admin" ? Keystone.IssueTokenAsync("admin", Keystone.AdminPassword, "admin") : Keystone.IssueTokenAsync(user, Password, ProjectName);

    /// <summary>The <c>openstack</c> CLI as <paramref name="user"/> with password authentication and Keystone's catalog.</summary>
    public Task<(int ExitCode, string Output)> OpenStackAsync(string user, params string[] arguments)
    {
        var (password, project) = user == "admin" ? (Keystone.AdminPassword, "admin") : (Password, ProjectName);
        return Cli.RunAsync("openstack",
        [
            "--os-auth-url", Keystone.AuthUrl, "--os-identity-api-version", "3", "--os-username", user, "--os-password", password,
            "--os-project-name", project, "--os-user-domain-name", "Default", "--os-project-domain-name", "Default",
            "--os-region-name", Region, .. arguments,
        ]);
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        if (Keystone is not null)
        {
            await Keystone.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
