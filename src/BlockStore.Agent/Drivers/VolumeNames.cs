using System.Text.RegularExpressions;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Defence in depth: drivers build paths and command lines only from names the control plane generated
/// (<c>volume-&lt;uuid&gt;</c>), so a name of any other shape is refused before it touches storage.
/// </summary>
public static partial class VolumeNames
{
    public static bool IsValid(string? volumeName) => volumeName is not null && Pattern().IsMatch(volumeName);

    // \z, not $: $ also matches before a trailing newline.
    [GeneratedRegex("^volume-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
