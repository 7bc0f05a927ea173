using System.Globalization;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// One extra-spec requirement (<c>&lt;is&gt; True</c>, <c>&gt;= 10</c>, <c>&lt;or&gt; iSCSI &lt;or&gt; FC</c>,
/// or a plain value), parsed once so that checking it against thousands of pools splits no strings.
/// The rules are Cinder's <c>extra_specs_ops.match</c>; <see cref="ExtraSpecMatcher"/> is the one-off form.
/// </summary>
public sealed class ExtraSpecRequirement
{
    private static readonly string[] Operators =
        ["<or>", "<in>", "<is>", "=", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "s<=", "s>", "s>="];

    private readonly string? op;
    private readonly string[] choices;
    private readonly string? operand;
    private readonly double? number;

    private ExtraSpecRequirement(string? text, string? op, string[] choices, string? operand)
    {
        Text = text;
        this.op = op;
        this.choices = choices;
        this.operand = operand;
        if (operand is not null &&
            double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
    }

    /// <summary>The requirement as the volume type states it; null requires the capability to be absent.</summary>
    public string? Text { get; }

    public static ExtraSpecRequirement Parse(string? requirement)
    {
        if (requirement is null)
        {
            return new ExtraSpecRequirement(null, null, [], null);
        }

        var words = requirement.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || Array.IndexOf(Operators, words[0]) < 0)
        {
            return new ExtraSpecRequirement(requirement, null, [], null);
        }

        if (words[0] == "<or>")
        {
            // "<or> a <or> b <or> c": every other word is a choice.
            var choices = new string[words.Length / 2];
            for (var i = 1; i < words.Length; i += 2)
            {
                choices[i / 2] = words[i];
            }

            return new ExtraSpecRequirement(requirement, words[0], choices, null);
        }

        // As in Cinder only the first word after the operator counts.
        return new ExtraSpecRequirement(requirement, words[0], [], words.Length > 1 ? words[1] : null);
    }

    /// <summary>Whether a reported capability value (null: not reported) satisfies the requirement.</summary>
    public bool IsMetBy(string? value)
    {
        if (Text is null)
        {
            return value is null;
        }

        if (op is null)
        {
            return string.Equals(value, Text, StringComparison.Ordinal);
        }

        if (value is null)
        {
            return false;
        }

        if (op == "<or>")
        {
            return Array.IndexOf(choices, value) >= 0;
        }

        if (operand is null)
        {
            return false;
        }

        return op switch
        {
            "<in>" => value.Contains(operand, StringComparison.Ordinal),
            "<is>" => ExtraSpecMatcher.IsTrue(value) == ExtraSpecMatcher.IsTrue(operand),
            // Cinder's "=" means "at least": a backend with 100 of something satisfies a type asking for 50.
            "=" or ">=" => TryNumbers(value, out var x, out var y) && x >= y,
            "==" => TryNumbers(value, out var x, out var y) && x == y,
            "!=" => TryNumbers(value, out var x, out var y) && x != y,
            "<=" => TryNumbers(value, out var x, out var y) && x <= y,
            "s==" => string.Equals(value, operand, StringComparison.Ordinal),
            "s!=" => !string.Equals(value, operand, StringComparison.Ordinal),
            "s<" => string.CompareOrdinal(value, operand) < 0,
            "s<=" => string.CompareOrdinal(value, operand) <= 0,
            "s>" => string.CompareOrdinal(value, operand) > 0,
            "s>=" => string.CompareOrdinal(value, operand) >= 0,
            _ => false,
        };
    }

    public override string ToString() => Text ?? "(absent)";

    /// <summary>
    /// Both sides as numbers; false when either is not one (Cinder's ValueError, which fails the match). NaN then
    /// compares as Python's floats do: unequal to everything.
    /// </summary>
    private bool TryNumbers(string value, out double x, out double y)
    {
        y = number.GetValueOrDefault();
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out x) && number.HasValue;
    }
}
