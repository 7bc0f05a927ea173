using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Types;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Types;

/// <summary>
/// Cinder's volume type encryption (<c>types/{id}/encryption</c>, admin-only as Cinder's default policy): create, show,
/// show one field, update and delete. As in Cinder, a type's encryption cannot change while volumes of the type exist,
/// since their keys and on-disk format were chosen by it.
/// </summary>
public sealed class VolumeTypeEncryptionApi(CinderPipeline pipeline, VolumeTypeStore types, VolumeStore volumes, IdempotencyKeys idempotency, TimeProvider time)
{
    /// <summary>The encryption as a flat object, or <c>{}</c> when the type has none (Cinder's index).</summary>
    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:volume_type_encryption:get");
        var type = await GetAsync(typeId, request.CancellationToken);
        return CinderResult.Json(200, type.Encryption is { } encryption ? View(type.Id, encryption) : new JsonObject());
    });

    public Task<CinderResult> ShowItemAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:volume_type_encryption:get");
        var type = await GetAsync(typeId, request.CancellationToken);
        return type.Encryption is { } encryption && View(type.Id, encryption).TryGetPropertyValue(key, out var value)
            ? CinderResult.Json(200, new JsonObject { [key] = value?.DeepClone() })
            : throw NotFound(type.Id);
    });

    /// <summary>A create, so it takes an <c>Idempotency-Key</c> like every other; its record goes in the type's transaction.</summary>
    public Task<CinderResult> CreateAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:volume_type_encryption:create");
        return await idempotency.CreateAsync(http, request, idempotency.InTypes(VolumeTypeStore.Partition), async body =>
        {
            var fields = VolumeTypeEncryptionRequestParser.ParseCreate(body.Body.RootElement);
            var type = await GetAsync(typeId, request.CancellationToken);
            await EnsureNotInUseAsync(type, "create", request.CancellationToken);
            var encryption = new VolumeTypeEncryption
            {
                Id = Guid.NewGuid(),
                Provider = fields.Provider!,
                ControlLocation = fields.ControlLocation!,
                Cipher = fields.Cipher,
                KeySize = fields.KeySize,
                CreatedAt = time.GetUtcNow(),
            };

            // Cinder answers with the request's fields and the two ids its database added to them.
            var answer = Given(fields);
            answer["volume_type_id"] = type.Id.ToString("D");
            answer["encryption_id"] = encryption.Id.ToString("D");
            var view = new JsonObject { ["encryption"] = answer };
            await types.ChangeAsync(type.Id, current => current.Encryption is null
                ? current with { Encryption = encryption }
                : throw new BadRequestException($"Volume type encryption for type {type.Id:D} already exists."), request.CancellationToken, body.Record(200, view));
            return CinderResult.Json(200, view);
        });
    });

    /// <summary><c>PUT …/encryption/{key}</c>: Cinder ignores the key (clients send <c>provider</c>) and applies the body.</summary>
    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:volume_type_encryption:update");
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var fields = VolumeTypeEncryptionRequestParser.ParseUpdate(body.RootElement);
        var type = await GetAsync(typeId, request.CancellationToken);
        await EnsureNotInUseAsync(type, "update", request.CancellationToken);
        var at = time.GetUtcNow();
        await types.ChangeAsync(type.Id, current => current.Encryption is { } encryption
            ? current with { Encryption = encryption.With(fields, at) }
            : throw NotFound(type.Id), request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { ["encryption"] = Given(fields) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:volume_type_encryption:delete");
        var type = await GetAsync(typeId, request.CancellationToken);
        await EnsureNotInUseAsync(type, "delete", request.CancellationToken);
        await types.ChangeAsync(type.Id, current => current.Encryption is null
            ? throw NotFound(type.Id)
            : current with { Encryption = null }, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    /// <summary>Cinder's view of the stored row: its columns, soft-delete ones included.</summary>
    private static JsonObject View(Guid typeId, VolumeTypeEncryption encryption) => new()
    {
        ["volume_type_id"] = typeId.ToString("D"),
        ["encryption_id"] = encryption.Id.ToString("D"),
        ["provider"] = encryption.Provider,
        ["cipher"] = encryption.Cipher,
        ["key_size"] = encryption.KeySize,
        ["control_location"] = encryption.ControlLocation,
        ["created_at"] = VolumeViews.Timestamp(encryption.CreatedAt),
        ["updated_at"] = encryption.UpdatedAt is { } updated ? VolumeViews.Timestamp(updated) : null,
        ["deleted"] = false,
        ["deleted_at"] = null,
    };

    private static JsonObject Given(VolumeTypeEncryptionFields fields)
    {
        var view = new JsonObject();
        if (fields.Provider is not null)
        {
            view["provider"] = fields.Provider;
        }

        if (fields.ControlLocation is not null)
        {
            view["control_location"] = fields.ControlLocation;
        }

        if (fields.CipherGiven)
        {
            view["cipher"] = fields.Cipher;
        }

        if (fields.KeySizeGiven)
        {
            view["key_size"] = fields.KeySize;
        }

        return view;
    }

    /// <summary>By id, as Cinder's <c>_check_type</c>.</summary>
    private async Task<VolumeType> GetAsync(string typeId, CancellationToken cancellationToken) =>
        Guid.TryParse(typeId, out var id) && await types.FindAsync(id.ToString("D"), cancellationToken) is { } type
            ? type
            : throw VolumeTypeStore.NotFound(typeId);

    private async Task EnsureNotInUseAsync(VolumeType type, string verb, CancellationToken cancellationToken)
    {
        if (await volumes.AnyOfTypeAsync(type.Id, cancellationToken))
        {
            throw new BadRequestException($"Cannot {verb} encryption specs. Volume type in use.");
        }
    }

    private static NotFoundException NotFound(Guid typeId) => new($"Volume type encryption for type {typeId:D} does not exist.");
}
