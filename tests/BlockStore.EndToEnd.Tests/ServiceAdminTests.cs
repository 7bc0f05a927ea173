using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Service administration as an operator does it with the real clients: disabling a backend (and the scheduler
/// then leaving it out), freezing and thawing a host, os-hosts, backend capabilities and the extension list.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ServiceAdminTests(StackFixture fixture)
{
    [Fact]
    public async Task ServiceDisable_WithReason_ListedDisabledAndTheSchedulerLeavesTheBackendOut()
    {
        var project = CinderClient.NewProjectId();
        var (backend, zone) = await ReportGhostBackendAsync();

        var disabled = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "service-disable", "--reason", "disk swap", backend, "cinder-volume");
        var listed = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "service-list", "--host", backend);

        Assert.True(disabled.ExitCode == 0, disabled.Output);
        Assert.Matches($@"\|\s*cinder-volume\s*\|\s*{backend}\s*\|\s*{zone}\s*\|\s*disabled\s*\|\s*(up|down)\s*\|.*disk swap", listed.Output);
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var id = await cinder.CreateAcceptedAsync(1, "nowhere", availabilityZone: zone);
        Assert.Equal("error", (await cinder.WaitSettledAsync(id))!["status"]!.GetValue<string>());
        Assert.Contains(await cinder.MessagesAboutAsync(id), message => message.Contains("No valid backend", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task VolumeServiceSet_Enable_ClearsTheReasonAndListsEnabled()
    {
        var project = CinderClient.NewProjectId();
        var (backend, _) = await ReportGhostBackendAsync();
        var disabled = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "service", "set", "--disable", "--disable-reason", "maintenance", backend, "cinder-volume");
        Assert.True(disabled.ExitCode == 0, disabled.Output);
        Assert.Equal(("disabled", "maintenance"), await StatusAndReasonAsync(project, backend));

        var enabled = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "service", "set", "--enable", backend, "cinder-volume");

        Assert.True(enabled.ExitCode == 0, enabled.Output);
        Assert.Equal(("enabled", (string?)null), await StatusAndReasonAsync(project, backend));
    }

    [Fact]
    public async Task DisableLogReason_NullReason_Is400AndChangesNothing()
    {
        var project = CinderClient.NewProjectId();
        var (backend, _) = await ReportGhostBackendAsync();

        using var refused = await PutAsync(project, "os-services/disable-log-reason", $$"""{"host": "{{backend}}", "binary": "cinder-volume", "disabled_reason": null}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(("enabled", (string?)null), await StatusAndReasonAsync(project, backend));
    }

    [Theory]
    [InlineData("os-services/enable", """{"host": "invalid_host", "binary": "cinder-volume"}""", HttpStatusCode.NotFound)]
    [InlineData("os-services/disable", """{"host": "node1@file", "binary": "invalid_binary"}""", HttpStatusCode.NotFound)]
    [InlineData("os-services/freeze", """{"host": "invalid_host"}""", HttpStatusCode.BadRequest)]
    [InlineData("os-services/thaw", """{"host": "invalid_host"}""", HttpStatusCode.BadRequest)]
    [InlineData("os-services/reboot", """{"host": "node1@file"}""", HttpStatusCode.BadRequest)]
    public async Task ServiceAction_UnknownHostBinaryOrAction_IsCindersError(string path, string body, HttpStatusCode expected)
    {
        using var response = await PutAsync(CinderClient.NewProjectId(), path, body);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task VolumeHostSet_DisableThenEnable_FreezesAndThawsTheBackend()
    {
        var project = CinderClient.NewProjectId();
        var (backend, zone) = await ReportGhostBackendAsync();
        var host = backend[..backend.IndexOf('@', StringComparison.Ordinal)];

        var frozen = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "host", "set", "--disable", host);
        Assert.True(frozen.ExitCode == 0, frozen.Output);
        Assert.True((await ServiceAsync(project, backend))["frozen"]!.GetValue<bool>());
        using var again = await PutAsync(project, "os-services/freeze", $$"""{"host": "{{host}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var id = await cinder.CreateAcceptedAsync(1, "frozen-out", availabilityZone: zone);
        Assert.Equal("error", (await cinder.WaitSettledAsync(id))!["status"]!.GetValue<string>());

        var thawed = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "thaw-host", host);

        Assert.True(thawed.ExitCode == 0, thawed.Output);
        Assert.False((await ServiceAsync(project, backend))["frozen"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OsHosts_ListAndShow_CountTheProjectsVolumesOnTheBackend()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var id = await cinder.CreateAcceptedAsync(2, "counted");
        Assert.Equal("node1@file#file", (await cinder.WaitSettledAsync(id))!["os-vol-host-attr:host"]!.GetValue<string>());

        using var list = await cinder.GetAsync("os-hosts");
        using var show = await cinder.GetAsync("os-hosts/node1@file");

        var hosts = (await CinderClient.ReadAsync(list))["hosts"]!.AsArray();
        Assert.Contains(hosts, host => host!["host_name"]!.GetValue<string>() == "node1@file" && host["service"]!.GetValue<string>() == "cinder-volume"
            && host["service-state"]!.GetValue<string>() == "enabled" && host["service-status"]!.GetValue<string>() == "available");
        Assert.Contains(hosts, host => host!["service"]!.GetValue<string>() == "cinder-scheduler");
        var resources = (await CinderClient.ReadAsync(show))["host"]!.AsArray().Select(item => item!["resource"]!).ToList();
        var mine = Assert.Single(resources, resource => resource["project"]!.GetValue<string>() == project);
        Assert.Equal(("1", "2", "node1@file"), (mine["volume_count"]!.GetValue<string>(), mine["total_volume_gb"]!.GetValue<string>(), mine["host"]!.GetValue<string>()));
        Assert.Equal("(total)", resources[0]["project"]!.GetValue<string>());
    }

    [Fact]
    public async Task OsHosts_ShowUnknownHost_Is404()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.GetAsync("os-hosts/nowhere@file");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetCapabilities_Backend_ShowsWhatGetPoolsReports()
    {
        var project = CinderClient.NewProjectId();

        var shown = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "get-capabilities", "node1@file");

        Assert.True(shown.ExitCode == 0, shown.Output);
        Assert.Matches(@"\|\s*volume_backend_name\s*\|\s*file\s*\|", shown.Output);
        Assert.Matches(@"\|\s*namespace\s*\|\s*OS::Storage::Capabilities::node1@file\s*\|", shown.Output);
        Assert.Matches(@"\|\s*thin_provisioning\s*\|", shown.Output);
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var pools = await cinder.GetAsync("scheduler-stats/get_pools?detail=true");
        using var capabilities = await cinder.GetAsync("capabilities/node1@file");
        var pool = (await CinderClient.ReadAsync(pools))["pools"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "node1@file#file")!["capabilities"]!;
        var backend = await CinderClient.ReadAsync(capabilities);
        foreach (var key in new[] { "vendor_name", "volume_backend_name", "storage_protocol" })
        {
            Assert.Equal(pool[key]!.GetValue<string>(), backend[key]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task GetCapabilities_UnknownBackend_Is404()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.GetAsync("capabilities/nowhere@file");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Extensions_ListCindersNamesOfWhatIsServed()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.GetAsync("extensions");

        var extensions = (await CinderClient.ReadAsync(response))["extensions"]!.AsArray()
            .ToDictionary(extension => extension!["alias"]!.GetValue<string>(), extension => extension!["name"]!.GetValue<string>());
        Assert.Equal("Hosts", extensions["os-hosts"]);
        Assert.Equal("Capabilities", extensions["capabilities"]);
        Assert.Equal("Qos_specs_manage", extensions["qos-specs"]);
        Assert.Equal("VolumeTransfer", extensions["os-volume-transfer"]);
        Assert.Equal("VolumeTypeEncryption", extensions["encryption"]);
    }

    /// <summary>A backend of its own (in a zone of its own) that reports capacity but has no agent: enough for state changes and scheduling.</summary>
    private async Task<(string Backend, string Zone)> ReportGhostBackendAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (backend, zone) = ($"admin{suffix}@file", $"zone{suffix}");
        using var agent = new HttpClient { BaseAddress = new Uri(fixture.Stack.ApiUrl) };
        using var report = await agent.PostAsync("agent/v1/capacity", new StringContent(
            $$"""{"backendHost":"{{backend}}","pools":[{"poolName":"file","availabilityZone":"{{zone}}","totalCapacityGib":100,"freeCapacityGib":100}]}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
        return (backend, zone);
    }

    private async Task<JsonNode> ServiceAsync(string project, string backend)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var response = await cinder.GetAsync($"os-services?host={backend}&binary=cinder-volume");
        return (await CinderClient.ReadAsync(response))["services"]!.AsArray().Single()!;
    }

    private async Task<(string Status, string? Reason)> StatusAndReasonAsync(string project, string backend)
    {
        var service = await ServiceAsync(project, backend);
        return (service["status"]!.GetValue<string>(), service["disabled_reason"]?.GetValue<string>());
    }

    private async Task<HttpResponseMessage> PutAsync(string project, string path, string json)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v3/{project}/{path}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await cinder.SendAsync(request);
    }
}
