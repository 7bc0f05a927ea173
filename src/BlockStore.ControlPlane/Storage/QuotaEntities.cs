using Azure.Data.Tables;
using BlockStore.Core.Quotas;

namespace BlockStore.ControlPlane.Storage;

/// <summary>Quota usage rows: one per project and resource (<c>quota_volumes</c>, …), beside the project's resources.</summary>
internal static class QuotaEntities
{
    public static string RowKey(string resource) => "quota_" + resource;

    public static QuotaUsage FromEntity(TableEntity? entity) =>
        entity is null ? QuotaUsage.None : new QuotaUsage(entity.GetInt32("InUse") ?? 0, entity.GetInt32("Reserved") ?? 0);

    public static TableEntity ToEntity(string projectId, string rowKey, QuotaUsage usage) => new(projectId, rowKey)
    {
        ["InUse"] = usage.InUse,
        ["Reserved"] = usage.Reserved,
    };
}
