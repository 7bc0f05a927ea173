using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;
using System.Diagnostics;
using BlockStore.ControlPlane.Auth;
using BlockStore.ControlPlane.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// What every Cinder request goes through, in both hosts: request id, microversion, project id check,
/// authentication, and the one place where errors become Cinder fault bodies.
/// </summary>
public sealed partial class CinderPipeline(IAuthenticator authenticator, ILogger<CinderPipeline> logger)
{
    public const string RequestIdHeader = "x-openstack-request-id";

    /// <summary>
    /// Cinder's request body limit (oslo.middleware sizelimit, <c>max_request_body_size</c>, 112 KiB), set on every
    /// request the pipeline runs, in either host: reading a larger body throws the 413 that <see cref="GuardAsync"/>
    /// answers as overLimit.
    /// </summary>
    public const int MaxRequestBodyBytes = 114_688;

    /// <summary>Runs a handler scoped to the project in the URL, or to the caller's own for a project-less URL.</summary>
    public Task<CinderResult> RunAsync(HttpContext http, string projectId, Func<RequestContext, Task<CinderResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        return GuardAsync(http, async requestId =>
        {
            var version = ApiVersions.Negotiate(http.Request.Headers[ApiVersions.HeaderName]);
            http.Response.Headers[ApiVersions.HeaderName] = $"volume {version}";
            http.Response.Headers.Vary = ApiVersions.HeaderName;

            // A project-less URL (3.67) acts in the caller's own project, which only the credentials can name.
            var projectless = ProjectlessUrls.IsMarked(http);

            // Cinder's project_id_regex: a URL that does not name a project id matches no route.
            if (!projectless && !ProjectIdPattern().IsMatch(projectId))
            {
                throw new NotFoundException("The resource could not be found.");
            }

            var context = await authenticator.AuthenticateAsync(http, projectless ? null : projectId, requestId) with { ApiVersion = Version.Parse(version) };
            if (projectless && !ProjectIdPattern().IsMatch(context.ProjectId))
            {
                throw ProjectlessUrls.NoProject($"the credentials name {context.ProjectId}, which is no project id");
            }

            // Cinder's default policy: readers may look, not touch.
            if (context.Role == Roles.Reader && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                throw new ForbiddenException($"Policy doesn't allow {http.Request.Method} {http.Request.Path} to be performed by a reader.");
            }

            return await handler(context);
        });
    }

    /// <summary>Runs a handler that needs no project (version documents, agent endpoints).</summary>
    public Task<CinderResult> RunUnscopedAsync(HttpContext http, Func<Task<CinderResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        return GuardAsync(http, _ => handler());
    }

    private async Task<CinderResult> GuardAsync(HttpContext http, Func<string, Task<CinderResult>> handler)
    {
        var requestId = $"req-{Guid.NewGuid():D}";
        http.Response.Headers[RequestIdHeader] = requestId;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxRequestBodyBytes;
        }

        // The span every later step of the request joins (orchestration activities, the agent's driver call).
        using var activity = ControlPlaneTelemetry.Source.StartActivity($"{http.Request.Method} cinder", ActivityKind.Server);
        activity?.SetTag("http.request.method", http.Request.Method);
        activity?.SetTag("url.path", http.Request.Path.Value);
        activity?.SetTag("openstack.request_id", requestId);
        try
        {
            return await handler(requestId);
        }
        catch (UnauthorizedException ex)
        {
            // keystonemiddleware's answer, byte for byte in shape: clients read the title and follow the header.
            if (ex.KeystoneUri is { } uri)
            {
                http.Response.Headers.WWWAuthenticate = $"Keystone uri=\"{uri}\"";
            }

            return CinderResult.Json(401, new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = 401, ["title"] = "Unauthorized", ["message"] = ex.Message },
            });
        }
        catch (BlockStoreException ex)
        {
            return CinderResult.Fault(ex.StatusCode, ex.FaultName, ex.Message);
        }
        catch (JsonException)
        {
            return CinderResult.Fault(400, "badRequest", "Malformed request body");
        }
        catch (BadHttpRequestException ex)
        {
            return CinderResult.Fault(ex.StatusCode == 413 ? 413 : 400, ex.StatusCode == 413 ? "overLimit" : "badRequest", ex.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request {RequestId} {Method} {Path} failed", requestId, http.Request.Method, http.Request.Path);
            return CinderResult.Fault(500, "computeFault", "The server has either erred or is incapable of performing the requested operation.");
        }
    }

    /// <summary>
    /// A project id that a request names besides its URL's (a quota set's target, the project of <c>/limits</c>):
    /// held to the same pattern, which also keeps it a valid table key ('/', '\\', '#' and '?' are not), else a 400.
    /// </summary>
    public static string EnsureProjectId(string id) =>
        ProjectIdPattern().IsMatch(id) ? id : throw new BadRequestException($"Invalid input received: {id} is not a project id.");

    [GeneratedRegex("^[0-9a-f-]{1,64}$")]
    private static partial Regex ProjectIdPattern();
}
