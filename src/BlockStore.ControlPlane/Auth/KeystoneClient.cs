using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Auth;

/// <summary>
/// The two Keystone v3 calls BlockStore makes: password authentication of its service user, and validation of a
/// caller's token with the service token. Any transport failure or unexpected answer is a
/// <see cref="KeystoneUnavailableException"/>: a request is never let through, nor failed with a 500, on a guess.
/// </summary>
public sealed partial class KeystoneClient(IHttpClientFactory httpClients, IOptions<AuthOptions> options, ILogger<KeystoneClient> logger)
{
    private KeystoneOptions Settings => options.Value.Keystone;

    /// <summary><c>{AuthUrl}</c> without a trailing <c>/v3</c>: the base both calls and <c>WWW-Authenticate</c> use.</summary>
    public string BaseUrl => TrimVersion(Settings.AuthUrl);

    /// <summary>Where a client without a valid token should get one (<c>WWW-Authenticate: Keystone uri="…"</c>).</summary>
    public string WwwAuthenticateUri => Settings.WwwAuthenticateUri is { Length: > 0 } uri ? uri : BaseUrl;

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueServiceTokenAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = Settings.Username,
                            ["domain"] = new JsonObject { ["name"] = Settings.UserDomainName },
                            ["password"] = Settings.Password,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject
                    {
                        ["name"] = Settings.ProjectName,
                        ["domain"] = new JsonObject { ["name"] = Settings.ProjectDomainName },
                    },
                },
            },
        };
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/v3/auth/tokens?nocatalog")
        {
            // Content-Length, not chunked: Keystone behind a plain uwsgi HTTP socket reads no chunked body.
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created || !response.Headers.TryGetValues("X-Subject-Token", out var tokens))
        {
            // Wrong service credentials are an operator's mistake: callers can do nothing but wait for it to be fixed.
            LogServiceAuthFailed(logger, Settings.Username, Settings.ProjectName, (int)response.StatusCode);
            throw new KeystoneUnavailableException();
        }

        var identity = await ReadIdentityAsync(response, cancellationToken);
        return (tokens.First(), identity.ExpiresAt);
    }

    public async Task<KeystoneValidation> ValidateAsync(string subjectToken, string serviceToken, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}/v3/auth/tokens?nocatalog");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", serviceToken);
            request.Headers.TryAddWithoutValidation("X-Subject-Token", subjectToken);
            return request;
        }, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return new KeystoneValidation(await ReadIdentityAsync(response, cancellationToken), false);
            case HttpStatusCode.NotFound:
                // Keystone's answer for a subject token that is malformed, expired or revoked.
                return new KeystoneValidation(null, false);
            case HttpStatusCode.Unauthorized:
                return new KeystoneValidation(null, true);
            default:
                LogUnexpectedAnswer(logger, "token validation", (int)response.StatusCode);
                throw new KeystoneUnavailableException();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Settings.AuthUrl))
        {
            LogNotConfigured(logger);
            throw new KeystoneUnavailableException();
        }

        using var request = create();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.Timeout);
        try
        {
            var response = await httpClients.CreateClient(nameof(KeystoneClient)).SendAsync(request, timeout.Token);
            if ((int)response.StatusCode >= 500)
            {
                LogUnexpectedAnswer(logger, request.RequestUri!.AbsolutePath, (int)response.StatusCode);
                response.Dispose();
                throw new KeystoneUnavailableException();
            }

            return response;
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex, BaseUrl);
            throw new KeystoneUnavailableException();
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex, BaseUrl);
            throw new KeystoneUnavailableException();
        }
    }

    private async Task<KeystoneIdentity> ReadIdentityAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var token = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["token"]
                ?? throw new FormatException("no token object");
            return new KeystoneIdentity
            {
                UserId = token["user"]?["id"]?.GetValue<string>() ?? throw new FormatException("no user id"),
                ProjectId = token["project"]?["id"]?.GetValue<string>(),
                Roles = [.. (token["roles"]?.AsArray() ?? []).Select(role => role?["name"]?.GetValue<string>() ?? "")],
                ExpiresAt = DateTimeOffset.Parse(token["expires_at"]?.GetValue<string>() ?? throw new FormatException("no expires_at"),
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            LogUnreadableToken(logger, ex);
            throw new KeystoneUnavailableException();
        }
    }

    private static string TrimVersion(string url)
    {
        var trimmed = url.TrimEnd('/');
        return trimmed.EndsWith("/v3", StringComparison.OrdinalIgnoreCase) ? trimmed[..^3] : trimmed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Keystone refused BlockStore's service user {Username} in project {ProjectName} (HTTP {Status}): check BlockStore:Auth:Keystone")]
    private static partial void LogServiceAuthFailed(ILogger logger, string username, string projectName, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keystone answered {What} with HTTP {Status}")]
    private static partial void LogUnexpectedAnswer(ILogger logger, string what, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keystone at {Url} is unreachable")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keystone's token document could not be read")]
    private static partial void LogUnreadableToken(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "BlockStore:Auth:Mode is keystone but BlockStore:Auth:Keystone:AuthUrl is not set")]
    private static partial void LogNotConfigured(ILogger logger);
}
