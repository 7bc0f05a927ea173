using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Raw Cinder v3 calls as python-cinderclient makes them (noauth token <c>user:project</c>).</summary>
public sealed class CinderClient(string apiUrl, string projectId) : IDisposable
{
    private readonly HttpClient _http = CreateHttp(apiUrl, projectId);

    public string ProjectId => projectId;

    public string BaseUrl => apiUrl;

    /// <summary>Sends a request built by the caller, with this client's token.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> CreateVolumeAsync(int size, string name, string? availabilityZone = null) =>
        _http.PostAsJsonAsync($"v3/{projectId}/volumes", new
        {
            volume = new { size, name, description = (string?)null, volume_type = (string?)null, availability_zone = availabilityZone, metadata = new { }, snapshot_id = (string?)null, source_volid = (string?)null, imageRef = (string?)null, backup_id = (string?)null, consistencygroup_id = (string?)null },
        });

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        _http.PostAsync($"v3/{projectId}/{path}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync($"v3/{projectId}/{path}");

    public Task<HttpResponseMessage> DeleteAsync(string path) => _http.DeleteAsync($"v3/{projectId}/{path}");

    /// <summary>Creates a volume and returns its id, asserting the 202.</summary>
    public async Task<string> CreateAcceptedAsync(int size, string name, string? availabilityZone = null)
    {
        using var response = await CreateVolumeAsync(size, name, availabilityZone);
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body.ToJsonString());
        return body["volume"]!["id"]!.GetValue<string>();
    }

    /// <summary>Polls the volume until its status leaves <c>creating</c>/<c>deleting</c>; null once it is gone.</summary>
    public async Task<JsonObject?> WaitSettledAsync(string volumeId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await GetAsync($"volumes/{volumeId}");
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            var volume = (await ReadAsync(response))["volume"]!.AsObject();
            var status = volume["status"]!.GetValue<string>();
            if (status is not ("creating" or "deleting") || DateTime.UtcNow > deadline)
            {
                return volume;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The user messages about one resource (filters need microversion 3.5): why its asynchronous operation failed.</summary>
    public async Task<IReadOnlyList<string>> MessagesAboutAsync(string resourceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/{projectId}/messages?resource_uuid={resourceId}");
        request.Headers.Add("OpenStack-API-Version", "volume 3.5");
        using var response = await _http.SendAsync(request);
        var body = await ReadAsync(response);
        return [.. body["messages"]!.AsArray().Select(message => message!["user_message"]!.GetValue<string>())];
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public void Dispose() => _http.Dispose();

    public static string NewProjectId() => Guid.NewGuid().ToString("N");

    /// <summary>One request to <paramref name="path"/> (from the API root) with <paramref name="token"/> as <c>X-Auth-Token</c>, or none.</summary>
    public static async Task<HttpResponseMessage> SendWithTokenAsync(string apiUrl, HttpMethod method, string path, string? token, string? body = null, string? version = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(apiUrl + "/") };
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        if (version is not null)
        {
            request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    private static HttpClient CreateHttp(string apiUrl, string projectId)
    {
        var http = new HttpClient { BaseAddress = new Uri(apiUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Auth-Token", $"user1:{projectId}");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return http;
    }
}
