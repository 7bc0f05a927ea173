using System.Diagnostics;
using System.Text.Json.Nodes;
using BlockStore.Core.Agents;

namespace BlockStore.Agent.Tests.Drivers;

/// <summary>
/// The userspace iSCSI initiators of these machines, driven by what a connection info says, as a compute host would:
/// qemu-img (qemu-block-extra's iscsi driver) for data, iscsi-inq (libiscsi-bin) for a bare login.
/// </summary>
internal static class IscsiInitiator
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Logs in as <paramref name="initiator"/> and copies the whole LUN into <paramref name="outputFile"/>.</summary>
    public static Task<Result> ReadLunAsync(ConnectionInfo connection, string initiator, string outputFile, string? password = null) =>
        RunAsync("qemu-img", ["convert", "--image-opts", ImageOptions(connection, initiator, password), "-O", "raw", outputFile]);

    /// <summary>The LUN's size as the initiator sees it.</summary>
    public static async Task<long> LunSizeAsync(ConnectionInfo connection, string initiator)
    {
        var result = await RunAsync("qemu-img", ["info", "--output", "json", "--image-opts", ImageOptions(connection, initiator, null)]);
        Assert.True(result.Succeeded, result.Error);
        return JsonNode.Parse(result.Output)!["virtual-size"]!.GetValue<long>();
    }

    /// <summary>A login and an INQUIRY, nothing else (iscsi-inq).</summary>
    public static Task<Result> InquireAsync(ConnectionInfo connection, string initiator, string? password = null)
    {
        var data = connection.Data;
        var url = $"iscsi://{data["auth_username"]}%{password ?? (string)data["auth_password"]!}@{data["target_portal"]}/{data["target_iqn"]}/{data["target_lun"]}";
        return RunAsync("iscsi-inq", ["-i", initiator, url]);
    }

    private static string ImageOptions(ConnectionInfo connection, string initiator, string? password)
    {
        var data = connection.Data;
        return $"driver=iscsi,transport=tcp,portal={data["target_portal"]},target={data["target_iqn"]},lun={data["target_lun"]}," +
            $"user={data["auth_username"]},password={password ?? (string)data["auth_password"]!},initiator-name={initiator}";
    }

    private static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
