namespace BlockStore.Agent.Drivers;

/// <summary>How an LVM tool call ended.</summary>
internal sealed record LvmResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>stderr without lvm2's warnings (activation disabled, not zeroed, …), which never say why a command failed.</summary>
    public string Reason
    {
        get
        {
            var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var errors = lines.Where(l => !l.StartsWith("WARNING:", StringComparison.Ordinal) && !l.StartsWith("Run `", StringComparison.Ordinal)).ToArray();
            var chosen = errors.Length > 0 ? errors : lines;
            return chosen.Length > 0 ? string.Join(" ", chosen) : $"exit code {ExitCode}, no message";
        }
    }

    public bool NeedsDeviceMapper => Error.Contains("device-mapper", StringComparison.OrdinalIgnoreCase);

    public void ThrowIfFailed(string failure)
    {
        if (ExitCode == 0)
        {
            return;
        }

        var hint = NeedsDeviceMapper
            ? " This host's kernel has no device-mapper, which thin pools, LVM snapshots and active logical volumes need: run the agent on a host whose kernel has dm-mod (and dm-thin-pool, dm-snapshot)."
            : "";
        throw new VolumeDriverException($"{failure}: {Command} failed: {Reason.TrimEnd('.')}.{hint}");
    }
}
