using BlockStore.Core.Filtering;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// What Cinder's list handlers share beyond paging: which query keys are filters, refusing filters a resource does not
/// enable (3.31), like filters (3.34) and <c>with_count</c> (3.45), each only from its microversion.
/// </summary>
public static class ListQuery
{
    /// <summary>Paging and sorting keys Cinder removes before it looks at filters.</summary>
    private static readonly string[] NotFilters = ["marker", "limit", "offset", "sort", "sort_key", "sort_dir", "with_count"];

    /// <summary>Refuses, from 3.31, filters the resource does not enable (non-admins; pools for everyone).</summary>
    public static void RejectInvalidFilters(HttpContext http, RequestContext request, string resource)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsAtLeast(31))
        {
            ResourceFilters.Reject(resource, http.Request.Query.Keys.Where(key => !NotFilters.Contains(key, StringComparer.Ordinal)), request.IsAdmin, request.IsAtLeast(34));
        }
    }

    /// <summary>The value of a like filter (<c>key~=fragment</c>), from 3.34; null when absent or below it.</summary>
    public static string? Like(HttpContext http, RequestContext request, string key)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        return request.IsAtLeast(34) && http.Request.Query[key + "~"].ToString() is { Length: > 0 } fragment ? fragment : null;
    }

    /// <summary>Time comparison filters on <paramref name="field"/> (3.60); empty when absent or below it.</summary>
    public static IReadOnlyList<TimeComparison> TimeComparisons(HttpContext http, RequestContext request, string field)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        return request.IsAtLeast(60) && http.Request.Query[field].ToString() is { Length: > 0 } raw ? TimeComparison.Parse(field, raw) : [];
    }

    /// <summary>Whether the list should carry <c>count</c> (3.45, <c>with_count=true</c>, a strict boolean).</summary>
    public static bool WithCount(HttpContext http, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        return request.IsAtLeast(45) && RequestFields.QueryBool(http.Request.Query["with_count"].ToString(), "with_count");
    }

    /// <summary>
    /// Whether an admin asked for every project's resources (<c>all_tenants</c>, a strict boolean as Cinder's
    /// get_bool_param reads it); others always see their own project, and Cinder drops their <c>all_tenants</c>.
    /// </summary>
    public static bool AllTenants(HttpContext http, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        return request.IsAdmin && RequestFields.QueryBool(http.Request.Query["all_tenants"].ToString(), "all_tenants");
    }

    /// <summary>Whether a loose boolean filter (<c>consumes_quota</c>) asks for true: one of oslo's true strings.</summary>
    public static bool IsTrue(string value) => RequestFields.TryParseBool(value, out var parsed) && parsed;
}
