namespace BlockStore.Agent.Drivers;

/// <summary>Settings of an <c>lvm</c> backend (section <c>Agent:Backends:N:Lvm</c>), after Cinder's LVM driver options.</summary>
public sealed class LvmOptions
{
    public const string Thick = "default";
    public const string Thin = "thin";

    /// <summary>The volume group volumes live in (<c>volume_group</c>).</summary>
    public string VolumeGroup { get; set; } = "cinder-volumes";

    /// <summary><c>thin</c> or <c>default</c> (thick), as Cinder's <c>lvm_type</c>.</summary>
    public string Type { get; set; } = Thick;

    /// <summary>The thin pool's name for <c>thin</c>; defaults to <c>{VolumeGroup}-pool</c> as in Cinder.</summary>
    public string? ThinPool { get; set; }

    /// <summary>An <c>LVM_SYSTEM_DIR</c> for the LVM tools (its lvm.conf), or null for the system's.</summary>
    public string? SystemDirectory { get; set; }

    public double MaxOverSubscriptionRatio { get; set; } = 20.0;

    /// <summary>How long one LVM command may take (they wait for the volume group's lock).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsThin => string.Equals(Type, Thin, StringComparison.OrdinalIgnoreCase);

    public string EffectiveThinPool => string.IsNullOrWhiteSpace(ThinPool) ? $"{VolumeGroup}-pool" : ThinPool;

    /// <summary>Adds what is wrong with these settings to <paramref name="failures"/>.</summary>
    public void Validate(string key, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!IsLvmName(VolumeGroup))
        {
            failures.Add($"{key}:VolumeGroup '{VolumeGroup}' must be an LVM name: letters, digits, '+', '_', '.', '-', not starting with '-'.");
        }

        if (!string.Equals(Type, Thick, StringComparison.OrdinalIgnoreCase) && !IsThin)
        {
            failures.Add($"{key}:Type '{Type}' must be 'default' (thick) or 'thin'.");
        }

        if (IsThin && !IsLvmName(EffectiveThinPool))
        {
            failures.Add($"{key}:ThinPool '{ThinPool}' must be an LVM name: letters, digits, '+', '_', '.', '-', not starting with '-'.");
        }

        if (SystemDirectory is not null && !Directory.Exists(SystemDirectory))
        {
            failures.Add($"{key}:SystemDirectory '{SystemDirectory}' is not a directory (it must hold the lvm.conf the LVM tools use).");
        }

        if (MaxOverSubscriptionRatio is < 1.0 or double.NaN)
        {
            failures.Add($"{key}:MaxOverSubscriptionRatio must be 1.0 or more.");
        }

        if (CommandTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{key}:CommandTimeout must be longer than zero.");
        }
    }

    // lvm2's rule for VG and LV names (a leading '-' would read as an option).
    internal static bool IsLvmName(string? name) =>
        name is { Length: > 0 and <= 127 } && name[0] != '-' && name is not "." and not ".." &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-');
}
