using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>Snapshot user metadata: the shared <see cref="MetadataApi"/> routes over snapshots.</summary>
public sealed class SnapshotMetadataApi(CinderPipeline pipeline, SnapshotStore snapshots, TimeProvider time) : MetadataApi(pipeline)
{
    protected override async Task<IReadOnlyDictionary<string, string>> ReadAsync(RequestContext request, string resourceId) =>
        (await GetAsync(request, resourceId)).Metadata;

    protected override async Task<IReadOnlyDictionary<string, string>> ChangeAsync(
        RequestContext request, string resourceId, Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change)
    {
        var snapshot = await GetAsync(request, resourceId);
        var now = time.GetUtcNow();
        var updated = await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id,
            current => new RowChange<Snapshot>(current with { Metadata = change(current.Metadata), UpdatedAt = now }), request.CancellationToken);
        return updated!.Metadata;
    }

    protected override string Owner => MetadataOwner;

    internal const string MetadataOwner = "the snapshot's metadata";

    protected override NotFoundException MissingKey(string resourceId, string key) =>
        new($"Snapshot {resourceId} has no metadata with key {key}.");

    private async Task<Snapshot> GetAsync(RequestContext request, string snapshotId) =>
        Guid.TryParse(snapshotId, out var id) && await snapshots.FindForAsync(request, id) is { } snapshot
            ? snapshot
            : throw NotFoundException.Snapshot(snapshotId);
}
