namespace BlockStore.Agent.Drivers;

/// <summary>One target as <c>tgtadm --op show --mode target</c> lists it.</summary>
internal sealed record TgtTarget(int Tid, string Iqn, IReadOnlyDictionary<int, string> Luns, IReadOnlyList<string> Accounts, IReadOnlyList<string> Initiators)
{
    /// <summary>
    /// Reads tgtadm's text listing: <c>Target N: iqn</c> lines start a target; four-space headers (<c>LUN information:</c>,
    /// <c>Account information:</c>, <c>ACL information:</c>) start its sections; deeper lines are their entries.
    /// </summary>
    public static IReadOnlyList<TgtTarget> ParseShow(string output)
    {
        var targets = new List<TgtTarget>();
        int? tid = null;
        var iqn = "";
        var luns = new Dictionary<int, string>();
        var accounts = new List<string>();
        var initiators = new List<string>();
        var section = "";
        int? lun = null;

        void Flush()
        {
            if (tid is { } t)
            {
                targets.Add(new TgtTarget(t, iqn, new Dictionary<int, string>(luns), [.. accounts], [.. initiators]));
            }

            luns.Clear();
            accounts.Clear();
            initiators.Clear();
            section = "";
            lun = null;
        }

        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("Target ", StringComparison.Ordinal))
            {
                Flush();
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 7 && int.TryParse(line.AsSpan(7, colon - 7), System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    tid = parsed;
                    iqn = line[(colon + 1)..].Trim();
                }
                else
                {
                    tid = null;
                }

                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (indent == 4)
            {
                section = text;
                continue;
            }

            switch (section)
            {
                case "LUN information:" when text.StartsWith("LUN: ", StringComparison.Ordinal):
                    lun = int.TryParse(text.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
                    break;
                case "LUN information:" when lun is { } current && text.StartsWith("Backing store path: ", StringComparison.Ordinal):
                    luns[current] = text["Backing store path: ".Length..];
                    break;
                case "Account information:" when indent == 8:
                    // Outgoing accounts are listed as "name (outgoing)"; only incoming ones are ours.
                    if (!text.EndsWith("(outgoing)", StringComparison.Ordinal))
                    {
                        accounts.Add(text);
                    }

                    break;
                case "ACL information:" when indent == 8:
                    initiators.Add(text);
                    break;
            }
        }

        Flush();
        return targets;
    }
}
