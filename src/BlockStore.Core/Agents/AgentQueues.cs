using System.Security.Cryptography;
using System.Text;

namespace BlockStore.Core.Agents;

/// <summary>The local transport's naming: one Storage queue per backend host.</summary>
public static class AgentQueues
{
    /// <summary>
    /// A valid queue name (3–63 lowercase letters, digits, single hyphens) for a backend host; the hash
    /// suffix keeps hosts that differ only in punctuation apart.
    /// </summary>
    public static string ForBackendHost(string backendHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(backendHost);
        var readable = new StringBuilder("bs-cmd-");
        foreach (var c in backendHost.ToLowerInvariant())
        {
            var next = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (next != '-' || readable[^1] != '-')
            {
                readable.Append(next);
            }
        }

        var prefix = readable.ToString().TrimEnd('-');
        if (prefix.Length > 45)
        {
            prefix = prefix[..45].TrimEnd('-');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(backendHost)))[..8];
        return $"{prefix}-{hash}";
    }
}
