using System.Globalization;
using System.Text.Json.Nodes;
using BlockStore.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Cinder's list paging: <c>sort=key[:dir],…</c> (or <c>sort_key</c>/<c>sort_dir</c>), <c>marker</c> (the id after which to
/// continue) and <c>limit</c>, with the <c>…_links</c> "next" link when a page is full. The default order is Cinder's:
/// newest first, ties by id.
/// </summary>
public static class Paging
{
    /// <summary>Cinder's osapi_max_limit: no page is longer.</summary>
    public const int MaxLimit = 1000;

    public static (IReadOnlyList<T> Page, JsonArray? Links) Apply<T>(
        HttpContext http,
        RequestContext request,
        IEnumerable<T> items,
        IReadOnlyDictionary<string, Func<T, IComparable?>> sortKeys,
        Func<T, string> idOf,
        string collection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sortKeys);
        ArgumentNullException.ThrowIfNull(idOf);
        var query = http.Request.Query;
        var ordered = Sort(items, ParseSort(query, sortKeys), sortKeys, idOf).ToList();

        if (query["marker"].ToString() is { Length: > 0 } marker)
        {
            var index = ordered.FindIndex(item => idOf(item) == marker);
            if (index < 0)
            {
                throw new NotFoundException($"Marker {marker} could not be found.");
            }

            ordered = ordered.Skip(index + 1).ToList();
        }

        var limit = MaxLimit;
        if (query["limit"].ToString() is { Length: > 0 } raw)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
            {
                throw new BadRequestException($"Invalid input received: limit param must be an integer, not {raw}.");
            }

            limit = Math.Min(limit, MaxLimit);
        }

        if (query["offset"].ToString() is { Length: > 0 } rawOffset)
        {
            if (!int.TryParse(rawOffset, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                throw new BadRequestException($"Invalid input received: offset param must be an integer, not {rawOffset}.");
            }

            ordered = ordered.Skip(offset).ToList();
        }

        var page = ordered.Take(limit).ToList();

        // As Cinder: a full page gets a "next" link even when nothing follows; the next page is then empty.
        if (page.Count == 0 || page.Count < limit || query["limit"].Count == 0 && ordered.Count <= limit)
        {
            return (page, null);
        }

        var next = QueryString.Create(query
            .Where(pair => pair.Key is not ("marker" or "offset"))
            .Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value.ToString()))
            .Append(KeyValuePair.Create("marker", (string?)idOf(page[^1]))));
        var href = $"{request.BaseUrl}/v3/{request.ProjectId}/{collection}{next}";
        return (page, [new JsonObject { ["rel"] = "next", ["href"] = href }]);
    }

    private static List<(string Key, bool Descending)> ParseSort<T>(IQueryCollection query, IReadOnlyDictionary<string, Func<T, IComparable?>> sortKeys)
    {
        var sorts = new List<(string Key, bool Descending)>();
        if (query["sort"].ToString() is { Length: > 0 } sort)
        {
            foreach (var part in sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pieces = part.Split(':', 2);
                sorts.Add((pieces[0], Direction(pieces.Length > 1 ? pieces[1] : "desc")));
            }
        }
        else if (query["sort_key"].ToString() is { Length: > 0 } key)
        {
            sorts.Add((key, Direction(query["sort_dir"].ToString() is { Length: > 0 } dir ? dir : "desc")));
        }

        foreach (var (key, _) in sorts)
        {
            if (!sortKeys.ContainsKey(key))
            {
                throw new BadRequestException($"Invalid input received: Invalid sort key {key}.");
            }
        }

        return sorts.Count > 0 ? sorts : [("created_at", true)];
    }

    private static bool Direction(string direction) => direction.ToLowerInvariant() switch
    {
        "asc" => false,
        "desc" => true,
        _ => throw new BadRequestException($"Invalid input received: Invalid sort direction {direction}."),
    };

    private static IEnumerable<T> Sort<T>(IEnumerable<T> items, List<(string Key, bool Descending)> sorts, IReadOnlyDictionary<string, Func<T, IComparable?>> keys, Func<T, string> idOf)
    {
        IOrderedEnumerable<T>? ordered = null;
        foreach (var (key, descending) in sorts)
        {
            var select = keys[key];
            ordered = ordered is null
                ? descending ? items.OrderByDescending(select, Comparer<IComparable?>.Default) : items.OrderBy(select, Comparer<IComparable?>.Default)
                : descending ? ordered.ThenByDescending(select, Comparer<IComparable?>.Default) : ordered.ThenBy(select, Comparer<IComparable?>.Default);
        }

        // Ties broken by id, descending as Cinder, so pages never overlap.
        return ordered!.ThenByDescending(idOf, StringComparer.Ordinal);
    }
}
