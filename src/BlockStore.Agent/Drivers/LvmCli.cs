using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// The lvm2 tools (and <c>dd</c>, the LVM driver's data path, as in Cinder's volume_utils.copy_volume): an argument
/// list, never a shell; <c>--reportformat json --units b --nosuffix</c> for reports; <c>LVM_SYSTEM_DIR</c> from the
/// backend's settings; a timeout on every call. Callers pass only checked names.
/// </summary>
internal sealed class LvmCli(string? systemDirectory, TimeSpan timeout)
{
    private static readonly string[] ReportFormat = ["--reportformat", "json", "--units", "b", "--nosuffix"];
    private const string LvFields = "lv_name,lv_size,lv_attr,segtype,origin,origin_size,pool_lv,data_percent,lv_tags";

    public async Task<LvmVolumeGroupStats> ShowVolumeGroupAsync(string volumeGroup, CancellationToken cancellationToken)
    {
        var result = await RunAsync("vgs", [.. ReportFormat, "-o", "vg_name,vg_size,vg_free", volumeGroup], timeout, cancellationToken);
        result.ThrowIfFailed($"Could not read volume group {volumeGroup}");
        var rows = Rows(result.Output, "vg");
        if (rows.Count == 0)
        {
            throw new VolumeDriverException($"vgs did not report volume group {volumeGroup}.");
        }

        var row = rows[0];
        return new LvmVolumeGroupStats(Text(row, "vg_name"), Bytes(row, "vg_size") ?? 0, Bytes(row, "vg_free") ?? 0);
    }

    public async Task<IReadOnlyList<LvmLogicalVolume>> ListAsync(string volumeGroup, CancellationToken cancellationToken)
    {
        var result = await RunAsync("lvs", [.. ReportFormat, "-o", LvFields, volumeGroup], timeout, cancellationToken);
        result.ThrowIfFailed($"Could not list the logical volumes of {volumeGroup}");
        return [.. Rows(result.Output, "lv").Select(ToLogicalVolume)];
    }

    public async Task<LvmLogicalVolume?> FindAsync(string volumeGroup, string name, CancellationToken cancellationToken) =>
        (await ListAsync(volumeGroup, cancellationToken)).FirstOrDefault(lv => string.Equals(lv.Name, name, StringComparison.Ordinal));

    /// <summary>Runs an lvm2 command that changes something and fails with its stderr as the reason.</summary>
    public async Task RunCheckedAsync(string tool, IReadOnlyList<string> arguments, string failure, CancellationToken cancellationToken)
    {
        var result = await RunAsync(tool, arguments, timeout, cancellationToken);
        result.ThrowIfFailed(failure);
    }

    /// <summary>Copies <paramref name="bytes"/> (whole MiB) from one block device to another, bypassing the page cache.</summary>
    public async Task CopyAsync(string source, string destination, long bytes, CancellationToken cancellationToken)
    {
        var mebibytes = (bytes + (1 << 20) - 1) >> 20;

        // At least 20 MiB/s before the copy counts as hung.
        var copyTimeout = timeout + TimeSpan.FromSeconds(mebibytes / 20.0);
        var result = await RunAsync("dd", [$"if={source}", $"of={destination}", "bs=1M", $"count={mebibytes.ToString(CultureInfo.InvariantCulture)}", "iflag=direct", "oflag=direct", "conv=fdatasync"], copyTimeout, cancellationToken);
        result.ThrowIfFailed($"Could not copy {source} to {destination}");
    }

    public async Task<LvmResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["LC_ALL"] = "C";

        // The agent's inherited descriptors would otherwise fill stderr with "File descriptor … leaked" lines.
        info.Environment["LVM_SUPPRESS_FD_WARNINGS"] = "1";
        if (!string.IsNullOrEmpty(systemDirectory))
        {
            info.Environment["LVM_SYSTEM_DIR"] = systemDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var command = $"{tool} {string.Join(' ', arguments)}";
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new VolumeDriverException($"Could not run {tool} ({e.Message}): install the 'lvm2' package on the agent's host.", e);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timer.Token);
        var stderr = process.StandardError.ReadToEndAsync(timer.Token);
        try
        {
            await process.WaitForExitAsync(timer.Token);
            return new LvmResult(command, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VolumeDriverException($"{command} did not finish within {limit.TotalSeconds:0} s: another LVM command may hold the volume group's lock.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static List<JsonElement> Rows(string json, string kind)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new VolumeDriverException($"The LVM tools answered something other than a JSON report ({e.Message}); is lvm2 older than 2.02.158?", e);
        }

        using (document)
        {
            var rows = new List<JsonElement>();
            foreach (var report in document.RootElement.GetProperty("report").EnumerateArray())
            {
                if (report.TryGetProperty(kind, out var items))
                {
                    rows.AddRange(items.EnumerateArray().Select(i => i.Clone()));
                }
            }

            return rows;
        }
    }

    private static LvmLogicalVolume ToLogicalVolume(JsonElement row) => new(
        Text(row, "lv_name"),
        Bytes(row, "lv_size") ?? 0,
        Text(row, "lv_attr"),
        Text(row, "segtype"),
        Text(row, "origin"),
        Bytes(row, "origin_size"),
        Text(row, "pool_lv"),
        double.TryParse(Text(row, "data_percent"), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? percent : null,
        [.. Text(row, "lv_tags").Split(',', StringSplitOptions.RemoveEmptyEntries)]);

    private static string Text(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static long? Bytes(JsonElement row, string field) =>
        long.TryParse(Text(row, field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
}
