using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Types;
using BlockStore.Core.Qos;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlockStore.ControlPlane.Qos;

/// <summary>Cinder v3 QoS specs (the qos-specs extension): global, admin-only as Cinder's default policy.</summary>
public sealed class QosSpecsApi(
    CinderPipeline pipeline, QosSpecStore store, Idempotency.IdempotencyKeys idempotency, TimeProvider time, ILogger<QosSpecsApi> logger)
{
    private const string GetAllPolicy = "volume_extension:qos_specs_manage:get_all";
    private const string GetPolicy = "volume_extension:qos_specs_manage:get";
    private const string CreatePolicy = "volume_extension:qos_specs_manage:create";
    private const string UpdatePolicy = "volume_extension:qos_specs_manage:update";
    private const string DeletePolicy = "volume_extension:qos_specs_manage:delete";

    private const string KeysOwner = "the QoS spec's keys";

    private static readonly Dictionary<string, Func<QosSpec, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = spec => spec.CreatedAt,
        ["id"] = spec => spec.Id.ToString("D"),
        ["name"] = spec => spec.Name,
        ["consumer"] = spec => spec.Consumer,
    };

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(GetAllPolicy);
        var query = http.Request.Query;
        // Cinder's allowed filters for this list; others are ignored, as its remove_invalid_filter_options does for admins.
        var specs = (await store.ListAsync(request.CancellationToken))
            .Where(spec => Matches(query["id"], spec.Id.ToString("D")) && Matches(query["name"], spec.Name) && Matches(query["consumer"], spec.Consumer));
        // Cinder's list has no qos_specs_links, and Tempest's schema forbids them.
        var (page, _) = Paging.Apply(http, request, specs, SortKeys, spec => spec.Id.ToString("D"), "qos-specs");
        return CinderResult.Json(200, new JsonObject { ["qos_specs"] = new JsonArray([.. page.Select(spec => (JsonNode)QosSpecViews.Summary(spec))]) });
    });

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(CreatePolicy);
        return await idempotency.CreateAsync(http, request, idempotency.InTypes(VolumeTypeStore.Partition), async body =>
        {
            var (name, consumer, specs) = QosSpecRequestParser.ParseCreate(body.Body.RootElement);
            StoredDictionary.EnsureFits(specs, KeysOwner);
            var spec = new QosSpec { Id = Guid.NewGuid(), Name = name, Consumer = consumer, Specs = specs, CreatedAt = time.GetUtcNow() };
            var view = QosSpecViews.Detail(spec, request);
            await store.CreateAsync(spec, request.CancellationToken, body.Record(200, view));
            logger.LogInformation("Created QoS spec {QosSpecId} {QosSpecName}", spec.Id, spec.Name);
            return CinderResult.Json(200, view);
        });
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(GetPolicy);
        return CinderResult.Json(200, QosSpecViews.Detail(await store.GetAsync(qosId, request.CancellationToken), request));
    });

    /// <summary>Set keys: answers with the keys as sent, as Cinder returns the request body.</summary>
    public Task<CinderResult> SetKeysAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(UpdatePolicy);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var keys = QosSpecRequestParser.ParseSet(body.RootElement);
        await store.ChangeAsync(qosId, spec =>
        {
            var next = spec.WithKeys(keys);
            StoredDictionary.EnsureFits(next.Specs, KeysOwner);
            return next;
        }, request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { ["qos_specs"] = new JsonObject(keys.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))) });
    });

    public Task<CinderResult> UnsetKeysAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(DeletePolicy);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var keys = QosSpecRequestParser.ParseUnset(body.RootElement);
        await store.ChangeAsync(qosId, spec => spec.WithoutKeys(keys), request.CancellationToken);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(DeletePolicy);
        var force = QosSpecRequestParser.ParseForce(http.Request.Query["force"].ToString());
        await store.DeleteAsync(qosId, force, request.CancellationToken);
        logger.LogInformation("Deleted QoS spec {QosSpecId} (force {Force})", qosId, force);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> AssociationsAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(GetAllPolicy);
        return CinderResult.Json(200, QosSpecViews.Associations(await store.AssociationsAsync(qosId, request.CancellationToken)));
    });

    public Task<CinderResult> AssociateAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(UpdatePolicy);
        var typeId = QosSpecRequestParser.ParseVolumeTypeId(http.Request.Query["vol_type_id"].ToString());
        await store.AssociateAsync(qosId, typeId, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> DisassociateAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(UpdatePolicy);
        var typeId = QosSpecRequestParser.ParseVolumeTypeId(http.Request.Query["vol_type_id"].ToString());
        await store.DisassociateAsync(qosId, typeId, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> DisassociateAllAsync(HttpContext http, string projectId, string qosId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin(UpdatePolicy);
        await store.DisassociateAllAsync(qosId, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues filter, string value) =>
        filter.Count == 0 || string.Equals(filter.ToString(), value, StringComparison.Ordinal);
}
