using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BlockStore.Testing;

/// <summary>
/// A private Keystone (MariaDB and Keystone under uwsgi, on free loopback ports) started by scripts/keystone/start.sh,
/// the script Tempest's run uses too, and the few identity calls tests make: tokens by password, projects, users,
/// role assignments and catalog entries, as an operator makes them.
/// </summary>
public sealed class Keystone : IAsyncDisposable
{
    private const string Domain = "Default";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private readonly ChildProcess _process;
    private string? _adminToken;

    private Keystone(ChildProcess process, string authUrl, string adminPassword, TimeSpan startupTime)
    {
        _process = process;
        AuthUrl = authUrl;
        AdminPassword = adminPassword;
        StartupTime = startupTime;
    }

    /// <summary><c>http://127.0.0.1:port/v3</c>.</summary>
    public string AuthUrl { get; }

    /// <summary>The password of <c>admin</c> (project <c>admin</c>, domain <c>Default</c>).</summary>
    public string AdminPassword { get; }

    /// <summary>From starting the script to Keystone answering.</summary>
    public TimeSpan StartupTime { get; }

    public string Output => _process.Output;

    public static async Task<Keystone> StartAsync(string directory, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var process = ChildProcess.Start("bash", [RepositoryPaths.Combine("scripts", "keystone", "start.sh"), "--dir", directory]);
        var openrc = Path.Combine(directory, "admin-openrc");
        // The first start on a machine builds the template (db_sync, bootstrap): minutes on a loaded machine.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (!process.Output.Contains("keystone ready", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = process.Output;
                await process.DisposeAsync();
                throw new InvalidOperationException($"Keystone did not start (scripts/keystone/start.sh):{Environment.NewLine}{output}");
            }

            await Task.Delay(100, cancellationToken);
        }

        var settings = File.ReadAllLines(openrc)
            .Select(line => line.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return new Keystone(process, settings["OS_AUTH_URL"], settings["OS_PASSWORD"], stopwatch.Elapsed);
    }

    /// <summary>A project-scoped token of this Keystone by password authentication (users and projects of domain Default).</summary>
    public Task<string> IssueTokenAsync(string user, string password, string project, CancellationToken cancellationToken = default) =>
        IssueTokenByPasswordAsync(AuthUrl, user, Domain, password, project, Domain, cancellationToken);

    /// <summary>A project-scoped token by password authentication, as a client gets one from any Keystone.</summary>
    public static async Task<string> IssueTokenByPasswordAsync(
        string authUrl, string user, string userDomain, string password, string project, string projectDomain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authUrl);
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["name"] = userDomain }, ["password"] = password },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["name"] = projectDomain } },
                },
            },
        };
        var baseUrl = authUrl.TrimEnd('/');
        baseUrl = baseUrl.EndsWith("/v3", StringComparison.Ordinal) ? baseUrl : baseUrl + "/v3";
        // Content-Length, not chunked: uwsgi's HTTP socket hands Keystone an empty body for a chunked request.
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"{baseUrl}/auth/tokens?nocatalog", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Subject-Token").First();
    }

    /// <summary>Creates a project in domain Default; returns its id.</summary>
    public async Task<string> CreateProjectAsync(string name, CancellationToken cancellationToken = default) =>
        (await AdminPostAsync("projects", new JsonObject { ["project"] = new JsonObject { ["name"] = name, ["domain_id"] = "default" } }, cancellationToken))
            ["project"]!["id"]!.GetValue<string>();

    /// <summary>Creates a user in domain Default with <paramref name="role"/> on <paramref name="projectId"/>; returns its id.</summary>
    public async Task<string> CreateUserAsync(string name, string password, string projectId, string role, CancellationToken cancellationToken = default)
    {
        var user = (await AdminPostAsync("users", new JsonObject
        {
            ["user"] = new JsonObject { ["name"] = name, ["password"] = password, ["domain_id"] = "default", ["default_project_id"] = projectId },
        }, cancellationToken))["user"]!["id"]!.GetValue<string>();
        await GrantAsync(user, projectId, role, cancellationToken);
        return user;
    }

    public async Task GrantAsync(string userId, string projectId, string role, CancellationToken cancellationToken = default)
    {
        var roles = await AdminGetAsync($"roles?name={Uri.EscapeDataString(role)}", cancellationToken);
        var roleId = roles["roles"]!.AsArray().Single()!["id"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{AuthUrl}/projects/{projectId}/users/{userId}/roles/{roleId}");
        request.Headers.Add("X-Auth-Token", await AdminTokenAsync(cancellationToken));
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers a service of <paramref name="type"/> with public, internal and admin endpoints at <paramref name="url"/>.</summary>
    public async Task RegisterServiceAsync(string type, string name, string url, CancellationToken cancellationToken = default)
    {
        var service = (await AdminPostAsync("services", new JsonObject { ["service"] = new JsonObject { ["type"] = type, ["name"] = name } }, cancellationToken))
            ["service"]!["id"]!.GetValue<string>();
        foreach (var endpointInterface in new[] { "public", "internal", "admin" })
        {
            await AdminPostAsync("endpoints", new JsonObject
            {
                ["endpoint"] = new JsonObject { ["service_id"] = service, ["interface"] = endpointInterface, ["url"] = url, ["region_id"] = "RegionOne" },
            }, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<string> AdminTokenAsync(CancellationToken cancellationToken) =>
        _adminToken ??= await IssueTokenAsync("admin", AdminPassword, "admin", cancellationToken);

    private async Task<JsonNode> AdminPostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AuthUrl}/{path}") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Auth-Token", await AdminTokenAsync(cancellationToken));
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!;
    }

    private async Task<JsonNode> AdminGetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{AuthUrl}/{path}");
        request.Headers.Add("X-Auth-Token", await AdminTokenAsync(cancellationToken));
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!;
    }
}
