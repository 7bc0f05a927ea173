using System.Globalization;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Filtering;

/// <summary>
/// One unit of Cinder's time comparison filters (microversion 3.60): <c>created_at=gt:2024-01-01T00:00:00,lte:…</c>.
/// Units are comma separated and all must hold; the time is ISO 8601, read as UTC when it names no offset.
/// </summary>
public sealed record TimeComparison(string Operator, DateTimeOffset At)
{
    /// <summary>Cinder's operators (<c>common.get_time_comparsion_operators</c>).</summary>
    public static IReadOnlyList<string> Operators { get; } = ["gt", "gte", "eq", "neq", "lt", "lte"];

    /// <exception cref="BadRequestException">An unknown operator or a time that is not ISO 8601, in Cinder's words.</exception>
    public static IReadOnlyList<TimeComparison> Parse(string field, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var comparisons = new List<TimeComparison>();
        foreach (var unit in raw.Split(','))
        {
            var colon = unit.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new BadRequestException($"Invalid {field} value");
            }

            var op = unit[..colon];
            if (!Operators.Contains(op, StringComparer.Ordinal))
            {
                throw new BadRequestException($"Invalid {op} operator");
            }

            var time = unit[(colon + 1)..];
            if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                throw new BadRequestException($"Invalid {time} value");
            }

            comparisons.Add(new TimeComparison(op, at));
        }

        return comparisons;
    }

    /// <summary>Whether a timestamp satisfies this comparison; a missing timestamp (never updated) satisfies none.</summary>
    public bool Matches(DateTimeOffset? value) => value is { } actual && Operator switch
    {
        "gt" => actual > At,
        "gte" => actual >= At,
        "eq" => actual == At,
        "neq" => actual != At,
        "lt" => actual < At,
        "lte" => actual <= At,
        _ => false,
    };
}
