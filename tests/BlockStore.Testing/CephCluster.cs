using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BlockStore.Testing;

/// <summary>
/// A private single-node Ceph cluster (one mon, one mgr, one memstore OSD) in a temporary directory, booted from the
/// Debian packages as <c>shared/reference/storage-tools-on-these-machines.md</c> describes, on free loopback ports.
/// The daemons are children of the test run and die with <see cref="DisposeAsync"/>; nothing outside the directory is
/// touched. The mgr is there because pool statistics (<c>ceph df</c>) come from it.
/// </summary>
public sealed class CephCluster : IAsyncDisposable
{
    public const string DefaultPool = "rbd";

    private static readonly string[] Tools = ["ceph", "ceph-mon", "ceph-mgr", "ceph-osd", "ceph-authtool", "monmaptool", "rbd"];
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(90);

    private readonly List<ChildProcess> _daemons = [];

    private CephCluster(DirectoryInfo directory, int monitorPort, int monitorV2Port)
    {
        Directory = directory;
        MonitorPort = monitorPort;
        MonitorV2Port = monitorV2Port;
    }

    public DirectoryInfo Directory { get; }

    public string ConfPath => Path.Combine(Directory.FullName, "ceph.conf");

    /// <summary>client.admin's keyring (and mon.'s).</summary>
    public string KeyringPath => Path.Combine(Directory.FullName, "keyring");

    public string Pool { get; } = DefaultPool;

    public string User { get; } = "admin";

    public string MonitorHost { get; } = "127.0.0.1";

    /// <summary>The monitor's msgr v1 port: what <c>ceph mon dump</c> shows as <c>addr</c> and Cinder hands to clients.</summary>
    public int MonitorPort { get; }

    public int MonitorV2Port { get; }

    /// <summary>How long <see cref="StartAsync"/> took, for reports.</summary>
    public TimeSpan BootTime { get; private set; }

    public static async Task<CephCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var missing = Tools.Where(t => FindOnPath(t) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Ceph is not installed on this machine ({string.Join(", ", missing)} not on PATH): " +
                "run `apt-get install --no-install-recommends ceph-mon ceph-osd ceph-mgr ceph-common` (scripts/test.sh does).");
        }

        var ports = FreePorts.Distinct(2);
        var (v2, v1) = (ports[0], ports[1]);

        var cluster = new CephCluster(System.IO.Directory.CreateTempSubdirectory("blockstore-ceph-"), v1, v2);
        var clock = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(BootTimeout);
            await cluster.BootAsync(timeout.Token);
        }
        catch (Exception e)
        {
            var logs = cluster.Logs();
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"The test Ceph cluster did not start: {e.Message}{Environment.NewLine}{logs}", e);
        }

        cluster.BootTime = clock.Elapsed;
        return cluster;
    }

    /// <summary>Another replicated pool initialised for RBD, visible in <c>ceph df</c> when this returns.</summary>
    public async Task CreatePoolAsync(string pool, CancellationToken cancellationToken = default)
    {
        await CephAsync(["osd", "pool", "create", pool, "8", "8"], cancellationToken: cancellationToken);
        await RbdAsync(["pool", "init", pool], cancellationToken);
        await WaitForPoolStatsAsync(pool, cancellationToken);
    }

    /// <summary>Runs <c>rbd</c> as client.admin and returns its output; fails with its error.</summary>
    public Task<string> RbdAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync("rbd", ["--conf", ConfPath, "--id", User, "--keyring", KeyringPath, .. arguments], cancellationToken: cancellationToken);

    public Task<string> CephAsync(IEnumerable<string> arguments, string? input = null, CancellationToken cancellationToken = default) =>
        RunAsync("ceph", ["--conf", ConfPath, "--id", User, "--keyring", KeyringPath, "--connect-timeout", "10", .. arguments], input, cancellationToken);

    /// <summary>The image as a qemu block-driver filename (<c>qemu-img … rbd:pool/image:conf=…</c>).</summary>
    public string QemuTarget(string image, string? pool = null) =>
        $"rbd:{pool ?? Pool}/{image}:conf={ConfPath}:id={User}:keyring={KeyringPath}";

    /// <summary>Runs a tool without a shell; a non-zero exit throws with what the tool said.</summary>
    public static Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string? input = null, CancellationToken cancellationToken = default) =>
        Tool.RunAsync(fileName, arguments, input, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // OSD and mgr before the mon, so they do not spin looking for it.
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            await daemon.DisposeAsync();
        }

        _daemons.Clear();
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A daemon that was slow to die may still hold a file; the directory is in the temp folder.
        }
    }

    private async Task BootAsync(CancellationToken cancellationToken)
    {
        var dir = Directory.FullName;
        foreach (var sub in new[] { "run", "log", "mon", "mgr/ceph-x", "osd/ceph-0" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(dir, sub));
        }

        var fsid = Guid.NewGuid().ToString();
        await File.WriteAllTextAsync(ConfPath, Configuration(fsid), cancellationToken);

        await RunAsync("ceph-authtool", ["--create-keyring", KeyringPath, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *"], cancellationToken: cancellationToken);
        await RunAsync("ceph-authtool", [KeyringPath, "--gen-key", "-n", "client.admin",
            "--cap", "mon", "allow *", "--cap", "osd", "allow *", "--cap", "mds", "allow *", "--cap", "mgr", "allow *"], cancellationToken: cancellationToken);
        var monmap = Path.Combine(dir, "monmap");
        await RunAsync("monmaptool", ["--create", "--addv", "a", $"[v2:127.0.0.1:{MonitorV2Port},v1:127.0.0.1:{MonitorPort}]", "--fsid", fsid, monmap],
            cancellationToken: cancellationToken);
        await RunAsync("ceph-mon", ["--conf", ConfPath, "--mkfs", "-i", "a", "--monmap", monmap, "--keyring", KeyringPath], cancellationToken: cancellationToken);
        var mon = StartDaemon("ceph-mon", "-i", "a");
        await WaitUntilAsync(mon, async () => await TryAsync(() => CephAsync(["mon", "stat"], cancellationToken: cancellationToken)) is not null, cancellationToken);

        // The mgr boots in the background while the OSD is made; it is needed only for pool statistics.
        var mgrKeyring = Path.Combine(dir, "mgr", "ceph-x", "keyring");
        await CephAsync(["auth", "get-or-create", "mgr.x", "mon", "allow profile mgr", "osd", "allow *", "mds", "allow *", "-o", mgrKeyring], cancellationToken: cancellationToken);
        StartDaemon("ceph-mgr", "-i", "x");

        var osdUuid = Guid.NewGuid().ToString();
        var secret = (await RunAsync("ceph-authtool", ["--gen-print-key"], cancellationToken: cancellationToken)).Trim();
        var osdId = (await CephAsync(["osd", "new", osdUuid, "-i", "-"], $$"""{"cephx_secret": "{{secret}}"}""", cancellationToken)).Trim();
        if (osdId != "0")
        {
            throw new InvalidOperationException($"ceph osd new gave id '{osdId}', expected 0.");
        }

        await RunAsync("ceph-authtool", ["--create-keyring", Path.Combine(dir, "osd", "ceph-0", "keyring"), "--name", "osd.0", "--add-key", secret],
            cancellationToken: cancellationToken);
        await RunAsync("ceph-osd", ["--conf", ConfPath, "-i", "0", "--mkfs", "--osd-uuid", osdUuid], cancellationToken: cancellationToken);
        var osd = StartDaemon("ceph-osd", "-i", "0");
        await WaitUntilAsync(osd, async () =>
            (await TryAsync(() => CephAsync(["osd", "stat", "--format", "json"], cancellationToken: cancellationToken)))?.Replace(" ", "", StringComparison.Ordinal)
                .Contains("\"num_up_osds\":1", StringComparison.Ordinal) == true, cancellationToken);

        await CreatePoolAsync(Pool, cancellationToken);
    }

    private async Task WaitForPoolStatsAsync(string pool, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var quoted = $"\"name\":\"{pool}\"";
        while (!((await TryAsync(() => CephAsync(["df", "--format", "json"], cancellationToken: timeout.Token)))?.Contains(quoted, StringComparison.Ordinal) ?? false))
        {
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"A Ceph daemon exited: {dead.Output}");
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private ChildProcess StartDaemon(string daemon, params string[] arguments)
    {
        var process = ChildProcess.Start(daemon, ["--conf", ConfPath, .. arguments, "-f"], workingDirectory: Directory.FullName);
        _daemons.Add(process);
        return process;
    }

    private static async Task WaitUntilAsync(ChildProcess daemon, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            if (daemon.HasExited)
            {
                throw new InvalidOperationException($"The daemon exited: {daemon.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<string?> TryAsync(Func<Task<string>> run)
    {
        try
        {
            return await run();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private string Configuration(string fsid)
    {
        var dir = Directory.FullName;
        return string.Create(CultureInfo.InvariantCulture, $"""
            [global]
            fsid = {fsid}
            mon initial members = a
            mon host = v2:127.0.0.1:{MonitorV2Port}/0,v1:127.0.0.1:{MonitorPort}/0
            public network = 127.0.0.1/32
            auth cluster required = cephx
            auth service required = cephx
            auth client required = cephx
            run dir = {dir}/run
            log file = {dir}/log/$name.log
            pid file = {dir}/run/$name.pid
            osd pool default size = 1
            osd pool default min size = 1
            osd pool default pg autoscale mode = off
            osd crush chooseleaf type = 0
            mon allow pool size one = true
            mon allow pool delete = true
            mon warn on pool no redundancy = false
            ms bind ipv6 = false
            mgr stats period = 1
            mon mgr digest period = 1

            [client]
            keyring = {dir}/keyring

            [mon]
            mon data = {dir}/mon/$cluster-$id

            [mgr]
            mgr data = {dir}/mgr/$cluster-$id
            keyring = $mgr_data/keyring

            [osd]
            osd data = {dir}/osd/$cluster-$id
            keyring = $osd_data/keyring
            osd objectstore = memstore
            memstore device bytes = 4294967296
            osd memory target = 1073741824

            """);
    }

    private string Logs()
    {
        var text = new StringBuilder();
        var logs = Path.Combine(Directory.FullName, "log");
        if (System.IO.Directory.Exists(logs))
        {
            foreach (var log in System.IO.Directory.GetFiles(logs))
            {
                var lines = File.ReadAllLines(log);
                text.AppendLine(CultureInfo.InvariantCulture, $"--- {Path.GetFileName(log)} (last lines)");
                foreach (var line in lines.TakeLast(20))
                {
                    text.AppendLine(line);
                }
            }
        }

        return text.ToString();
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
