using System.Globalization;

namespace BlockStore.Testing;

/// <summary>
/// A private userspace tgtd: its iSCSI portal on a free loopback port and its own control port (<c>-C</c>, the
/// management socket <c>/var/run/tgtd/socket.N</c>), so tests never meet another tgtd. Stopped on dispose as the
/// reference says: offline, targets removed, system deleted, then the process killed.
/// </summary>
public sealed class TgtDaemon : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private TgtDaemon(ChildProcess process, int port, int controlPort)
    {
        _process = process;
        Port = port;
        ControlPort = controlPort;
    }

    public int Port { get; }

    public int ControlPort { get; }

    public string Portal => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Output => _process.Output;

    public static async Task<TgtDaemon> StartAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePorts.Next();

            // Control ports are socket names, not TCP ports (tgtd takes 0–32767); one whose socket file exists may belong to a live tgtd.
            var controlPort = Random.Shared.Next(10_000, 32_768);
            if (File.Exists($"/var/run/tgtd/socket.{controlPort.ToString(CultureInfo.InvariantCulture)}"))
            {
                continue;
            }

            var process = ChildProcess.Start("tgtd", ["-f", "-C", controlPort.ToString(CultureInfo.InvariantCulture), "--iscsi", $"portal=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"]);
            var daemon = new TgtDaemon(process, port, controlPort);
            try
            {
                await daemon.WaitUntilReadyAsync(TimeSpan.FromSeconds(10), cancellationToken);
                return daemon;
            }
            catch (Exception) when (attempt < 3)
            {
                await process.DisposeAsync();
            }
            catch (Exception e)
            {
                var output = process.Output;
                await process.DisposeAsync();
                throw new InvalidOperationException($"tgtd did not start: {e.Message}{Environment.NewLine}{output}", e);
            }
        }
    }

    public Task<string> TgtadmAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        HarnessCommand.RunAsync("tgtadm", new[] { "-C", ControlPort.ToString(CultureInfo.InvariantCulture), "--lld", "iscsi" }.Concat(arguments), null, cancellationToken, TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TgtadmAsync(["--op", "update", "--mode", "sys", "--name", "State", "-v", "offline"]);
            var listing = await TgtadmAsync(["--op", "show", "--mode", "target"]);
            foreach (var line in listing.Split('\n').Where(l => l.StartsWith("Target ", StringComparison.Ordinal)))
            {
                var tid = line[7..line.IndexOf(':', StringComparison.Ordinal)];
                await TgtadmAsync(["--op", "delete", "--mode", "target", "--tid", tid, "--force"]);
            }

            // "delete system" refuses while targets exist, hence the loop above.
            await TgtadmAsync(["--op", "delete", "--mode", "system"]);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Killed below either way.
        }
        finally
        {
            await _process.DisposeAsync();

            // tgtd leaves its management socket and lock file behind.
            var socket = $"/var/run/tgtd/socket.{ControlPort.ToString(CultureInfo.InvariantCulture)}";
            File.Delete(socket);
            File.Delete(socket + ".lock");
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("tgtd exited.");
            }

            try
            {
                await TgtadmAsync(["--op", "show", "--mode", "target"], cancellationToken);
                await FreePorts.WaitUntilListeningAsync(Port, deadline - DateTime.UtcNow, cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
