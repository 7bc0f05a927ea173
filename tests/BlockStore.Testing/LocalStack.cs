using System.Net;
using System.Text.Json;

namespace BlockStore.Testing;

/// <summary>
/// BlockStore as a user runs it locally: Azurite, the Server and file-driver agents, each a real process built
/// from this repository. The quick start, the end-to-end tests and the benchmark all start it this way.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    /// <summary>A project id for administrative calls (noauth makes every caller an admin).</summary>
    public const string AdminProject = "00000000000000000000000000000000";

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly LocalStackOptions _options;
    private readonly List<ChildProcess> _agents = [];
    private Azurite? _azurite;
    private ChildProcess? _server;

    private LocalStack(LocalStackOptions options, int port)
    {
        _options = options;
        ApiUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary><c>http://127.0.0.1:port</c>; the Cinder API is under <c>/v3/{project_id}</c>.</summary>
    public string ApiUrl { get; }

    public string StorageConnectionString => _azurite!.ConnectionString;

    public string ServerOutput => _server?.Output ?? "";

    public IEnumerable<string> AgentOutputs => _agents.Select(agent => agent.Output);

    public int ServerProcessId => _server!.Id;

    /// <summary>
    /// Set unless the server runs noauth: an admin token the stack uses for itself and tests may use (token mode: an
    /// API token; keystone mode: a Keystone token of the server's own service user, which Cinder's service user is an admin).
    /// </summary>
    public string? AdminToken { get; private set; }

    /// <summary>The server's auth mode: its settings, else the environment it inherits from this process.</summary>
    private string AuthMode => (ServerSetting("BlockStore:Auth:Mode") ?? "noauth").ToLowerInvariant();

    /// <summary>Agents always authenticate with BlockStore agent tokens unless the server is noauth.</summary>
    private bool TokenAuth => AuthMode is "token" or "keystone";

    public IEnumerable<int> AgentProcessIds => _agents.Select(agent => agent.Id);

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var azurite = await Azurite.StartAsync(options.PersistStorage ? Path.Combine(options.DataDirectory, "azurite") : null, cancellationToken);
        // Chosen once Azurite listens, so that the API's port cannot be one Azurite was about to take.
        var stack = new LocalStack(options, options.ApiPort == 0 ? FreePorts.Next() : options.ApiPort) { _azurite = azurite };
        try
        {
            await stack.StartServerAsync(cancellationToken);
            foreach (var agent in options.Agents)
            {
                await stack.StartAgentAsync(agent, cancellationToken);
            }

            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more agent and waits until the scheduler sees its pool.</summary>
    public async Task StartAgentAsync(AgentSpec agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var environment = new Dictionary<string, string?>
        {
            ["Agent__ControlPlaneUrl"] = ApiUrl,
            ["Agent__StorageConnectionString"] = StorageConnectionString,
            ["Agent__HostName"] = agent.HostName,
            ["Agent__ReportInterval"] = "00:00:02",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        if (TokenAuth)
        {
            environment["Agent__ControlPlaneToken"] = await IssueTokenAsync(["issue", "--agent", agent.HostName], cancellationToken);
        }

        var backends = agent.EffectiveBackends;
        for (var i = 0; i < backends.Count; i++)
        {
            var prefix = $"Agent__Backends__{i}__";
            environment[prefix + "Name"] = backends[i].Name;
            environment[prefix + "Driver"] = backends[i].Driver;
            environment[prefix + "AvailabilityZone"] = backends[i].AvailabilityZone;
            environment[prefix + "DataDirectory"] = backends[i].DataDirectory;
            environment[prefix + "CapacityGib"] = backends[i].CapacityGib?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (key, value) in backends[i].Settings)
            {
                environment[prefix + key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        foreach (var (key, value) in _options.AgentSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = ChildProcess.Start("dotnet", [BuiltDll("BlockStore.Agent")], environment,
            echoPrefix: _options.EchoOutput ? $"[agent {agent.HostName}] " : null);
        _agents.Add(process);
        var hosts = backends.Select(backend => $"{agent.HostName}@{backend.Name}#").ToList();
        try
        {
            await WaitUntilAsync(async () =>
            {
                var pools = await GetPoolNamesAsync(cancellationToken);
                return hosts.All(host => pools.Any(name => name.StartsWith(host, StringComparison.Ordinal)));
            }, process, $"agent {agent.HostName} to report the pools of {string.Join(", ", hosts)}", cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // The server says why a report was refused or a pool not listed.
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}Server:{Environment.NewLine}{ServerOutput}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>
        {
            ["BlockStore__StorageConnectionString"] = StorageConnectionString,
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in _options.ServerSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _server = ChildProcess.Start("dotnet", [BuiltDll("BlockStore.Server"), "--urls", ApiUrl], environment,
            echoPrefix: _options.EchoOutput ? "[server] " : null);
        await WaitUntilAsync(async () =>
        {
            using var response = await Http.GetAsync(ApiUrl + "/", cancellationToken);
            return response.StatusCode == HttpStatusCode.MultipleChoices;
        }, _server, "the API to answer", cancellationToken);
        if (AuthMode == "token")
        {
            AdminToken = await IssueTokenAsync(["issue", "--project", AdminProject, "--role", "admin"], cancellationToken);
        }
        else if (AuthMode == "keystone")
        {
            const string prefix = "BlockStore:Auth:Keystone:";
            AdminToken = await Keystone.IssueTokenByPasswordAsync(
                ServerSetting(prefix + "AuthUrl") ?? throw new InvalidOperationException($"keystone mode needs {prefix}AuthUrl."),
                ServerSetting(prefix + "Username") ?? "",
                ServerSetting(prefix + "UserDomainName") ?? "Default",
                ServerSetting(prefix + "Password") ?? "",
                ServerSetting(prefix + "ProjectName") ?? "service",
                ServerSetting(prefix + "ProjectDomainName") ?? "Default",
                cancellationToken);
        }
    }

    private string? ServerSetting(string key) =>
        _options.ServerSettings.TryGetValue(key, out var value) ? value : Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal));

    /// <summary>Runs the server's admin command (<c>tokens …</c>) against this stack's storage; returns what it printed.</summary>
    public async Task<string> IssueTokenAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var output = await Tool.RunAsync("dotnet", [BuiltDll("BlockStore.Server"), "tokens", .. arguments],
            environment: new Dictionary<string, string?> { ["BlockStore__StorageConnectionString"] = StorageConnectionString }, cancellationToken: cancellationToken);
        return output.Trim();
    }

    private async Task<IReadOnlyList<string>> GetPoolNamesAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiUrl}/v3/{AdminProject}/scheduler-stats/get_pools");
        if (AdminToken is not null)
        {
            request.Headers.Add("X-Auth-Token", AdminToken);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. document.RootElement.GetProperty("pools").EnumerateArray().Select(pool => pool.GetProperty("name").GetString()!)];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> ready, ChildProcess process, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Gave up waiting for {what}: the process exited.{Environment.NewLine}{process.Output}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Too slow to answer yet (keystone mode: the server's first call gets its service token).
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"Gave up waiting for {what}.{Environment.NewLine}{process.Output}");
    }

    private static string BuiltDll(string project)
    {
        var path = RepositoryPaths.Combine("src", project, "bin", BuildConfiguration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built ({path}): run `dotnet build` first.", path);
    }
}
