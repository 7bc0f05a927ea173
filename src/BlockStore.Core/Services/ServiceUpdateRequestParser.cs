using System.Text.Json;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Services;

/// <summary>
/// Validates <c>PUT /os-services/{action}</c> bodies as Cinder's schemas do (api/schemas/services.py), with the
/// checks of <c>ServiceController.update</c> and <c>get_cluster_host</c> after them: 400 with Cinder's wording.
/// </summary>
public static class ServiceUpdateRequestParser
{
    private const int MaxLength = 255;

    private static readonly string[] EnableDisableKeys = ["binary", "host", "cluster", "service"];
    private static readonly string[] DisableLogReasonKeys = ["binary", "host", "cluster", "service", "disabled_reason"];
    private static readonly string[] FreezeThawKeys = ["cluster", "host"];

    public static ServiceAction? ParseAction(string action) => action switch
    {
        "enable" => ServiceAction.Enable,
        "disable" => ServiceAction.Disable,
        "disable-log-reason" => ServiceAction.DisableLogReason,
        "freeze" => ServiceAction.Freeze,
        "thaw" => ServiceAction.Thaw,
        _ => null,
    };

    public static ServiceUpdateRequest Parse(string action, JsonElement body)
    {
        var parsed = ParseAction(action) ?? throw new BadRequestException("Invalid input received: Unknown action");
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Invalid input for field/attribute body. Value: {body.GetRawText()}. {body.GetRawText()} is not of type 'object'");
        }

        var allowed = parsed switch
        {
            ServiceAction.Freeze or ServiceAction.Thaw => FreezeThawKeys,
            ServiceAction.DisableLogReason => DisableLogReasonKeys,
            _ => EnableDisableKeys,
        };
        var extra = body.EnumerateObject().Select(property => property.Name).Where(name => !allowed.Contains(name, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
        {
            throw new BadRequestException($"Additional properties are not allowed ({string.Join(", ", extra.Select(name => $"'{name}'"))} {(extra.Count == 1 ? "was" : "were")} unexpected)");
        }

        var host = String(body, "host", allowNull: true);
        var binary = String(body, "binary", allowNull: false);
        var service = String(body, "service", allowNull: false);
        _ = String(body, "cluster", allowNull: true);
        if (parsed is not (ServiceAction.Freeze or ServiceAction.Thaw) && binary is null && service is null)
        {
            throw new BadRequestException("Invalid input for field/attribute body. 'binary' is a required property");
        }

        string? reason = null;
        if (parsed == ServiceAction.DisableLogReason && body.TryGetProperty("disabled_reason", out var raw))
        {
            reason = raw.ValueKind == JsonValueKind.String
                ? raw.GetString()!
                : throw new BadRequestException($"Invalid input for field/attribute disabled_reason. Value: {Python(raw)}. {Python(raw)} is not of type 'string'");
            var trimmed = reason.Trim();
            if (trimmed.Length is 0 or > MaxLength)
            {
                throw new BadRequestException($"Invalid input received: disabled_reason has {trimmed.Length} characters, more than {MaxLength} or none after removing whitespace.");
            }
        }

        // Below microversion 3.26 (replication clusters) Cinder's get_cluster_host takes the host only.
        if (string.IsNullOrEmpty(host))
        {
            throw new BadRequestException("Invalid input received: Host field is missing.");
        }

        return new ServiceUpdateRequest(parsed, host, binary, service, reason);
    }

    private static string? String(JsonElement body, string field, bool allowNull)
    {
        if (!body.TryGetProperty(field, out var value) || (allowNull && value.ValueKind == JsonValueKind.Null))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {Python(value)}. {Python(value)} is not of type 'string'");
        }

        var text = value.GetString()!;
        return text.Length switch
        {
            0 => throw new BadRequestException($"Invalid input for field/attribute {field}. Value: . '' is too short"),
            > MaxLength => throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {text}. '{text}' is too long"),
            _ => text,
        };
    }

    /// <summary>How Cinder's messages print a JSON value (Python's repr): null is None.</summary>
    private static string Python(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "None",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => value.GetRawText(),
    };
}
