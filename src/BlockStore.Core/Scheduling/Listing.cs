namespace BlockStore.Core.Scheduling;

/// <summary>Short, stable lists of names for failure messages: distinct, sorted, the first few and a count of the rest.</summary>
internal static class Listing
{
    private const int Shown = 5;

    public static string Of(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var quoted = distinct.Take(Shown).Select(name => $"'{name}'");
        var rest = distinct.Count - Shown;
        return string.Join(", ", quoted) + (rest > 0 ? $" and {rest} more" : "");
    }
}
