namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's extra-spec operators (<c>cinder/scheduler/filters/extra_specs_ops.py</c>): <c>&lt;is&gt;</c>,
/// <c>&lt;in&gt;</c>, <c>&lt;or&gt;</c>, the numeric <c>= == != &gt;= &lt;=</c> (where <c>=</c> means "at least"),
/// and the string <c>s== s!= s&lt; s&lt;= s&gt; s&gt;=</c>. A requirement with no operator is plain equality.
/// </summary>
public static class ExtraSpecMatcher
{
    /// <summary>The words that <c>oslo_utils.strutils.bool_from_string</c> reads as true; anything else is false.</summary>
    private static readonly string[] TrueWords = ["1", "t", "true", "on", "y", "yes"];

    /// <summary>Whether <paramref name="value"/> (null: the backend does not report it) meets <paramref name="requirement"/>.</summary>
    public static bool Matches(string? value, string? requirement) => ExtraSpecRequirement.Parse(requirement).IsMetBy(value);

    /// <summary>Cinder's <c>bool_from_string</c>: true for 1, t, true, on, y, yes in any case; false for anything else.</summary>
    public static bool IsTrue(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var trimmed = value.AsSpan().Trim();
        foreach (var word in TrueWords)
        {
            if (trimmed.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
