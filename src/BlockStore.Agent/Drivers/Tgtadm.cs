using System.Diagnostics;
using System.Globalization;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// <c>tgtadm --lld iscsi</c> against one tgtd (its control port, when not the default one): an argument list, never a
/// shell, and a timeout on every call. Callers pass only names they checked (IQNs built from volume names, validated
/// initiator names, generated CHAP accounts).
/// </summary>
internal sealed class Tgtadm(int? controlPort, TimeSpan timeout)
{
    public const string Executable = "tgtadm";

    public async Task<IReadOnlyList<TgtTarget>> ShowTargetsAsync(CancellationToken cancellationToken) =>
        TgtTarget.ParseShow(await RunAsync(["--op", "show", "--mode", "target"], cancellationToken));

    public async Task<IReadOnlyList<string>> ShowAccountsAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(["--op", "show", "--mode", "account"], cancellationToken);
        return [.. output.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0)];
    }

    public Task NewTargetAsync(int tid, string iqn, CancellationToken cancellationToken) =>
        RunAsync(["--op", "new", "--mode", "target", "--tid", Tid(tid), "--targetname", iqn], cancellationToken);

    /// <summary>Removes the target even while initiators are logged in (Cinder's <c>tgt-admin --force --delete</c>).</summary>
    public Task DeleteTargetAsync(int tid, CancellationToken cancellationToken) =>
        RunAsync(["--op", "delete", "--mode", "target", "--tid", Tid(tid), "--force"], cancellationToken);

    public Task NewLogicalUnitAsync(int tid, int lun, string backingStore, CancellationToken cancellationToken) =>
        RunAsync(["--op", "new", "--mode", "logicalunit", "--tid", Tid(tid), "--lun", Tid(lun), "--backing-store", backingStore, "--bstype", "rdwr"], cancellationToken);

    public Task DeleteLogicalUnitAsync(int tid, int lun, CancellationToken cancellationToken) =>
        RunAsync(["--op", "delete", "--mode", "logicalunit", "--tid", Tid(tid), "--lun", Tid(lun)], cancellationToken);

    public Task NewAccountAsync(string user, string password, CancellationToken cancellationToken) =>
        RunAsync(["--op", "new", "--mode", "account", "--user", user, "--password", password], cancellationToken);

    public Task DeleteAccountAsync(string user, CancellationToken cancellationToken) =>
        RunAsync(["--op", "delete", "--mode", "account", "--user", user], cancellationToken);

    public Task BindAccountAsync(int tid, string user, CancellationToken cancellationToken) =>
        RunAsync(["--op", "bind", "--mode", "account", "--tid", Tid(tid), "--user", user], cancellationToken);

    public Task BindInitiatorAsync(int tid, string initiator, CancellationToken cancellationToken) =>
        RunAsync(["--op", "bind", "--mode", "target", "--tid", Tid(tid), "--initiator-name", initiator], cancellationToken);

    public Task UnbindInitiatorAsync(int tid, string initiator, CancellationToken cancellationToken) =>
        RunAsync(["--op", "unbind", "--mode", "target", "--tid", Tid(tid), "--initiator-name", initiator], cancellationToken);

    private static string Tid(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["LC_ALL"] = "C";
        if (controlPort is { } port)
        {
            info.ArgumentList.Add("-C");
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        info.ArgumentList.Add("--lld");
        info.ArgumentList.Add("iscsi");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The password of "new account" must not reach logs or error messages.
        var shown = string.Join(' ', arguments.Select((a, i) => i > 0 && arguments[i - 1] == "--password" ? "***" : a));
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new VolumeDriverException($"Could not run {Executable} ({e.Message}): install the 'tgt' package on the agent's host.", e);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timer.Token);
        var stderr = process.StandardError.ReadToEndAsync(timer.Token);
        try
        {
            await process.WaitForExitAsync(timer.Token);
            var output = await stdout;
            var error = (await stderr).Trim();
            if (process.ExitCode != 0)
            {
                var hint = error.Contains("tgt daemon", StringComparison.Ordinal)
                    ? $" Is tgtd running{(controlPort is { } p ? $" with control port {p} (-C {p})" : "")}? Start it or fix Iscsi:ControlPort."
                    : "";
                throw new VolumeDriverException($"tgtadm {shown} failed (exit {process.ExitCode}): {(error.Length > 0 ? error : "no message")}.{hint}");
            }

            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new VolumeDriverException($"tgtadm {shown} did not answer within {timeout.TotalSeconds:0} s: check that tgtd is healthy.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
