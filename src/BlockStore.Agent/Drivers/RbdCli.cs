using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Runs <c>rbd</c> and <c>ceph</c> for one backend: always with its cluster, user and keyring, always with an argument
/// list (never a shell), always with a deadline. A failed run is returned, not thrown, because the driver decides
/// which exit codes (Ceph's errno values) mean success for an idempotent operation.
/// </summary>
internal sealed class RbdCli(RbdOptions options)
{
    public const int NotFound = 2;       // ENOENT
    public const int Busy = 16;          // EBUSY
    public const int Exists = 17;        // EEXIST
    public const int InvalidArgument = 22; // EINVAL
    public const int NotEmpty = 39;      // ENOTEMPTY: rbd rm of an image that has snapshots

    public TimeSpan Timeout => TimeSpan.FromSeconds(options.CommandTimeoutSeconds);

    public Task<RbdResult> RbdAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RunAsync("rbd", [.. ClusterArguments(), "--client-mount-timeout", Seconds(options.ConnectTimeoutSeconds), .. arguments], timeout ?? Timeout, cancellationToken);

    public Task<RbdResult> CephAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync("ceph", [.. ClusterArguments(), "--connect-timeout", Seconds(options.ConnectTimeoutSeconds), .. arguments], Timeout, cancellationToken);

    private IEnumerable<string> ClusterArguments()
    {
        yield return "--conf";
        yield return options.CephConf;
        yield return "--id";
        yield return options.User;
        if (!string.IsNullOrWhiteSpace(options.Keyring))
        {
            yield return "--keyring";
            yield return options.Keyring;
        }
    }

    private static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    private static async Task<RbdResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new VolumeDriverException($"The rbd driver could not run '{tool}': {e.Message}. Install the ceph-common package on the agent's machine.", e);
        }

        // Nothing is ever fed in; a closed stdin makes a tool that would prompt fail instead of hang.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new VolumeDriverException(
                $"'{tool} {arguments[^1]}' did not finish within {timeout.TotalSeconds:0} s: check that the Ceph cluster is reachable from the agent and healthy (ceph -s).");
        }

        return new RbdResult(process.ExitCode, await stdout, await stderr);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}

/// <summary>What a run of <c>rbd</c>/<c>ceph</c> returned; <see cref="ExitCode"/> is an errno value when not zero.</summary>
internal sealed record RbdResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The tool's own words, without librbd's timestamped debug lines when there is anything else.</summary>
    public string Reason
    {
        get
        {
            var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var plain = lines.Where(l => !(l.Length > 10 && char.IsAsciiDigit(l[0]) && l[4] == '-' && l[7] == '-')).ToArray();
            var chosen = plain.Length > 0 ? plain : lines;
            var text = new StringBuilder().AppendJoin(' ', chosen).ToString();
            if (text.Length == 0)
            {
                return $"exit code {ExitCode}";
            }

            return text.Length > 400 ? text[..400] + "…" : text;
        }
    }
}
