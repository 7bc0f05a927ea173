using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlockStore.Testing;

// Create latency and throughput through the whole path (API → orchestration → scheduler → queue → agent → file
// driver → available), with every part a real process on this machine: Azurite, the Server, one file agent.
// Usage: dotnet run -c Release --project bench/BlockStore.Benchmarks [-- --sequential 20 --concurrent 50]
var sequential = Option("--sequential", 20);
var concurrent = Option("--concurrent", 50);
var root = Directory.CreateTempSubdirectory("blockstore-bench-").FullName;
try
{
    await using var stack = await LocalStack.StartAsync(new LocalStackOptions
    {
        DataDirectory = root,
        ServerSettings = new Dictionary<string, string>
        {
            ["BlockStore:Quotas:Volumes"] = "-1",
            ["BlockStore:Quotas:Gigabytes"] = "-1",
            ["Logging:LogLevel:Default"] = "Warning",
        },
        AgentSettings = Environment.GetEnvironmentVariable("BENCH_AGENT_POLL") is { } poll
            ? new Dictionary<string, string> { ["Agent:MaxPollInterval"] = poll }
            : new Dictionary<string, string>(),
        Agents = [new AgentSpec { HostName = "bench", DataDirectory = Path.Combine(root, "agent"), CapacityGib = 1_000_000 }],
    });

    var project = Guid.NewGuid().ToString("N");
    using var http = new HttpClient { BaseAddress = new Uri($"{stack.ApiUrl}/v3/{project}/") };
    http.DefaultRequestHeaders.Add("X-Auth-Token", $"bench:{project}");

    // Warm-up: JIT, table and queue creation, connection pools.
    for (var i = 0; i < 3; i++)
    {
        await CreateAndWaitAsync(http, $"warmup-{i}");
    }

    var latencies = new List<double>();
    for (var i = 0; i < sequential; i++)
    {
        latencies.Add((await CreateAndWaitAsync(http, $"seq-{i}")).TotalMilliseconds);
    }

    // The concurrent phase watches one listing instead of polling each volume, so the harness's own reads
    // do not crowd the server it measures.
    var wall = Stopwatch.StartNew();
    var ids = await Task.WhenAll(Enumerable.Range(0, concurrent).Select(i => CreateAsync(http, $"par-{i}")));
    var accepted = wall.Elapsed;
    var parallel = await WaitAllAvailableAsync(http, ids, wall);
    wall.Stop();

    latencies.Sort();
    Console.WriteLine($"BlockStore create benchmark ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}), 1 GiB volumes, file driver, Azurite in memory");
    Console.WriteLine($"  {sequential} sequential creates, POST → status available: median {Percentile(latencies, 50):F0} ms, p90 {Percentile(latencies, 90):F0} ms, min {latencies[0]:F0} ms, max {latencies[^1]:F0} ms");
    Console.WriteLine($"  {concurrent} concurrent creates: all accepted (202) after {accepted.TotalMilliseconds:F0} ms, all available after {wall.Elapsed.TotalMilliseconds:F0} ms wall ({concurrent / wall.Elapsed.TotalSeconds:F1} volumes/s); half were available by {Percentile(parallel, 50):F0} ms");
    Console.WriteLine($"  peak resident memory: server {PeakRssMb(stack.ServerProcessId)} MB, agent {PeakRssMb(stack.AgentProcessIds.Single())} MB");
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

static async Task<string> CreateAsync(HttpClient http, string name)
{
    using var created = await http.PostAsJsonAsync("volumes", new { volume = new { size = 1, name } });
    created.EnsureSuccessStatusCode();
    return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["volume"]!["id"]!.GetValue<string>();
}

static async Task<List<double>> WaitAllAvailableAsync(HttpClient http, string[] ids, Stopwatch clock)
{
    var pending = ids.ToHashSet();
    var done = new List<double>();
    while (pending.Count > 0)
    {
        foreach (var volume in JsonNode.Parse(await http.GetStringAsync("volumes/detail"))!["volumes"]!.AsArray())
        {
            var id = volume!["id"]!.GetValue<string>();
            var status = volume["status"]!.GetValue<string>();
            if (pending.Contains(id) && status != "creating")
            {
                if (status != "available")
                {
                    throw new InvalidOperationException($"Volume {id} ended {status}; its user messages say why (GET messages, microversion 3.3).");
                }

                pending.Remove(id);
                done.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        await Task.Delay(50);
    }

    done.Sort();
    return done;
}

static async Task<TimeSpan> CreateAndWaitAsync(HttpClient http, string name)
{
    var started = Stopwatch.StartNew();
    var id = await CreateAsync(http, name);
    while (true)
    {
        var volume = JsonNode.Parse(await http.GetStringAsync($"volumes/{id}"))!["volume"]!;
        var status = volume["status"]!.GetValue<string>();
        if (status == "available")
        {
            return started.Elapsed;
        }

        if (status != "creating")
        {
            throw new InvalidOperationException($"Volume {id} ended {status}; its user messages say why (GET messages, microversion 3.3).");
        }

        await Task.Delay(10);
    }
}

static double Percentile(List<double> sorted, int percent) =>
    sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static string PeakRssMb(int processId)
{
    // VmHWM: the process's peak resident set size, from the kernel.
    var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return line is null ? "?" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).ToString();
}

static int Option(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}
