using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// A Cinder response: status and optional JSON body. It is both a minimal-API <see cref="IResult"/> (the Server)
/// and an MVC <see cref="IActionResult"/> (the Functions app), so both hosts return exactly the same bytes.
/// </summary>
public sealed class CinderResult(int statusCode, JsonNode? body = null) : IResult, IActionResult
{
    // Cinder's bodies are plain JSON: no HTML-safe escaping of '+' or '<' that clients would have to undo.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int StatusCode { get; } = statusCode;

    public JsonNode? Body { get; } = body;

    public static CinderResult Json(int statusCode, JsonNode body) => new(statusCode, body);

    public static CinderResult Empty(int statusCode) => new(statusCode);

    public static CinderResult Fault(int statusCode, string faultName, string message) =>
        new(statusCode, new JsonObject { [faultName] = new JsonObject { ["code"] = statusCode, ["message"] = message } });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        if (Body is null)
        {
            httpContext.Response.ContentLength = 0;
            return;
        }

        httpContext.Response.ContentType = "application/json";
        await httpContext.Response.WriteAsync(Body.ToJsonString(Options), httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }
}
