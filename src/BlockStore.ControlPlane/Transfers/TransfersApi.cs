using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Transfers;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>
/// Cinder v3 volume transfers: <c>os-volume-transfer</c> (3.0, Cinder's extension) and <c>volume-transfers</c> (3.55+,
/// with <c>no_snapshots</c>; paging and sorting from 3.59). Both serve the same transfers.
/// </summary>
public sealed class TransfersApi(
    CinderPipeline pipeline,
    TransferStore transfers,
    TransferAcceptance acceptance,
    VolumeStore volumes,
    IdempotencyKeys idempotency,
    TimeProvider time,
    ILogger<TransfersApi> logger)
{
    /// <summary>The first microversion of the <c>volume-transfers</c> routes (and of <c>no_snapshots</c>).</summary>
    public const int TransferWithSnapshots = 55;

    /// <summary>Marker, limit and sort on the <c>volume-transfers</c> list.</summary>
    public const int TransferPagination = 59;

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId, bool versioned) => pipeline.RunAsync(http, projectId, async request =>
    {
        RequireRoute(request, versioned);
        return await idempotency.CreateAsync(http, request, idempotency.InProject(request.ProjectId), body => CreateAsync(request, body, versioned));
    });

    private async Task<CinderResult> CreateAsync(RequestContext request, IdempotentRequest body, bool versioned)
    {
        var parsed = TransferRequestParser.ParseCreate(body.Body.RootElement, versioned);
        var volume = await volumes.FindForAsync(request, parsed.VolumeId) ?? throw NotFoundException.Volume(parsed.VolumeId.ToString("D"));

        // An admin's transfer of another project's volume is inserted in that project's partition, and so is its record.
        if (await idempotency.MoveAsync(body, volume.ProjectId, request.CancellationToken) is { } replay)
        {
            return replay;
        }

        var authKey = TransferAuthKeys.NewKey();
        var salt = TransferAuthKeys.NewSalt();
        var now = time.GetUtcNow();
        var transfer = new VolumeTransfer
        {
            Id = Guid.NewGuid(),
            VolumeId = volume.Id,
            SourceProjectId = volume.ProjectId,
            Name = parsed.Name,
            Salt = salt,
            CryptHash = TransferAuthKeys.Hash(salt, authKey),
            NoSnapshots = parsed.NoSnapshots,
            CreatedAt = now,
        };
        // The record holds the auth key, sealed under the Idempotency-Key: a retry that lost the first answer needs it,
        // and the stored transfer keeps only its hash.
        var view = new JsonObject { ["transfer"] = TransferViews.Created(transfer, authKey, request) };
        await transfers.CreateAsync(transfer, (current, snapshots) =>
        {
            if (current.Status != VolumeStatus.Available)
            {
                throw new InvalidStateException("Invalid volume: status must be available");
            }

            if (transfer.NoSnapshots && snapshots.Count > 0)
            {
                // Cinder would leave the snapshots behind, bound to a volume of another project; BlockStore keeps a
                // volume and its snapshots in one partition, so it refuses instead.
                throw new InvalidStateException(
                    $"Invalid volume: Volume {current.Id} has snapshots; transferring it without its snapshots is not supported.");
            }

            if (!transfer.NoSnapshots)
            {
                TransferStore.CheckSnapshots(transfer, snapshots);
            }
        }, now, request.CancellationToken, body.Record(202, view));
        logger.LogInformation("Transfer {TransferId} of volume {VolumeId} created in project {ProjectId}", transfer.Id, volume.Id, volume.ProjectId);
        return CinderResult.Json(202, view);
    }

    public Task<CinderResult> ListAsync(HttpContext http, string projectId, bool versioned) => pipeline.RunAsync(http, projectId, async request =>
        await RenderListAsync(http, request, versioned, TransferViews.Summary));

    public Task<CinderResult> ListDetailAsync(HttpContext http, string projectId, bool versioned) => pipeline.RunAsync(http, projectId, async request =>
        await RenderListAsync(http, request, versioned, TransferViews.Detail));

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string transferId, bool versioned) => pipeline.RunAsync(http, projectId, async request =>
    {
        RequireRoute(request, versioned);
        var transfer = await GetVisibleAsync(request, transferId);
        return CinderResult.Json(200, new JsonObject { ["transfer"] = TransferViews.Detail(transfer, request) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string transferId, bool versioned) => pipeline.RunAsync(http, projectId, async request =>
    {
        RequireRoute(request, versioned);
        var transfer = await GetVisibleAsync(request, transferId);
        if (transfer.State is TransferState.Claimed or TransferState.Moved)
        {
            // An accept proved the key and was interrupted: it is finished rather than undone (undoing could race the
            // accepting side's charge); over quota, it goes back to offered and is deleted below.
            try
            {
                transfer = await acceptance.ContinueAsync(transfer, CancellationToken.None);
            }
            catch (BlockStoreException ex)
            {
                logger.LogInformation("Transfer {TransferId}: the interrupted accept did not finish ({Reason})", transfer.Id, ex.Message);
            }

            transfer = await transfers.FindAsync(transfer.SourceProjectId, transfer.Id, request.CancellationToken) ?? throw TransferStore.TransferNotFound(transferId);
        }

        if (transfer.IsAccepted || !await transfers.DeleteOfferedAsync(transfer, time.GetUtcNow(), request.CancellationToken))
        {
            throw TransferStore.TransferNotFound(transferId);
        }

        if (transfer.DestinationProjectId is { } destination)
        {
            // An interrupted claim may have charged a destination; with the transfer gone nobody else will release it.
            await transfers.ReleaseDestinationAsync(transfer.Id, destination, null, CancellationToken.None);
        }

        return CinderResult.Empty(202);
    });

    public Task<CinderResult> AcceptAsync(HttpContext http, string projectId, string transferId, bool versioned) => pipeline.RunAsync(http, projectId, async request =>
    {
        RequireRoute(request, versioned);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var authKey = TransferRequestParser.ParseAccept(body.RootElement);

        // The accepting project cannot see the transfer: it is found by id in any project, as Cinder's elevated read.
        var transfer = (Guid.TryParse(transferId, out var id) ? await transfers.FindAnywhereAsync(id, request.CancellationToken) : null) is { IsAccepted: false } found
            ? found
            : throw TransferStore.TransferNotFound(transferId);
        var accepted = await acceptance.AcceptAsync(transfer, authKey, request.ProjectId, request.UserId, request.CancellationToken);
        return CinderResult.Json(202, new JsonObject { ["transfer"] = TransferViews.Summary(accepted, request) });
    });

    /// <summary>Cinder's router serves <c>volume-transfers</c> from microversion 3.55 only.</summary>
    private static void RequireRoute(RequestContext request, bool versioned)
    {
        if (versioned)
        {
            request.RequireVersion(TransferWithSnapshots);
        }
    }

    /// <summary>A transfer of the caller's project or, for an admin, of any project; accepted ones are gone, as in Cinder.</summary>
    private async Task<VolumeTransfer> GetVisibleAsync(RequestContext request, string transferId)
    {
        if (!Guid.TryParse(transferId, out var id))
        {
            throw TransferStore.TransferNotFound(transferId);
        }

        var transfer = await transfers.FindAsync(request.ProjectId, id, request.CancellationToken)
            ?? (request.IsAdmin ? await transfers.FindAnywhereAsync(id, request.CancellationToken) : null);
        return transfer is { IsAccepted: false } ? transfer : throw TransferStore.TransferNotFound(transferId);
    }

    private async Task<CinderResult> RenderListAsync(HttpContext http, RequestContext request, bool versioned, Func<VolumeTransfer, RequestContext, JsonObject> view)
    {
        RequireRoute(request, versioned);
        var query = http.Request.Query;
        var allTenants = ListQuery.AllTenants(http, request);
        IEnumerable<VolumeTransfer> list = (await transfers.ListAsync(allTenants ? null : request.ProjectId, request.CancellationToken)).Where(t => !t.IsAccepted);
        if (query["name"].ToString() is { Length: > 0 } name)
        {
            list = list.Where(t => t.Name == name);
        }

        if (query["volume_id"].ToString() is { Length: > 0 } volumeId)
        {
            list = list.Where(t => string.Equals(t.VolumeId.ToString("D"), volumeId, StringComparison.OrdinalIgnoreCase));
        }

        var body = new JsonObject();
        IReadOnlyList<VolumeTransfer> page;
        if (versioned && request.ApiVersion >= new Version(3, TransferPagination))
        {
            var paged = Paging.Apply(http, request, list, SortKeys, t => t.Id.ToString("D"), "volume-transfers");
            page = paged.Page;
            if (paged.Links is not null)
            {
                body["transfers_links"] = paged.Links;
            }
        }
        else
        {
            // Before 3.59 Cinder lists oldest first (created_at, id ascending) and only honours offset and limit.
            page = [.. Limited(query, list.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id.ToString("D"), StringComparer.Ordinal))];
        }

        body["transfers"] = new JsonArray([.. page.Select(t => (JsonNode)view(t, request))]);
        return CinderResult.Json(200, body);
    }

    private static IEnumerable<VolumeTransfer> Limited(IQueryCollection query, IEnumerable<VolumeTransfer> ordered)
    {
        var offset = Number(query, "offset") ?? 0;
        var limit = Math.Min(Number(query, "limit") ?? Paging.MaxLimit, Paging.MaxLimit);
        return ordered.Skip(offset).Take(limit);
    }

    private static int? Number(IQueryCollection query, string name)
    {
        if (query[name].ToString() is not { Length: > 0 } raw)
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadRequestException($"Invalid input received: {name} param must be an integer, not {raw}.");
    }

    private static readonly Dictionary<string, Func<VolumeTransfer, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = t => t.CreatedAt,
        ["id"] = t => t.Id.ToString("D"),
        ["name"] = t => t.Name,
        ["display_name"] = t => t.Name,
        ["volume_id"] = t => t.VolumeId.ToString("D"),
    };
}
