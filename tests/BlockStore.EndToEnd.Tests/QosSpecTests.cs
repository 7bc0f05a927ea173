using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlockStore.Testing;

namespace BlockStore.EndToEnd.Tests;

/// <summary>QoS specs (Cinder's qos-specs extension) through the real clients, and Cinder's status codes through raw HTTP.</summary>
[Collection(StackCollection.Name)]
public sealed partial class QosSpecTests(StackFixture fixture)
{
    [Fact]
    public async Task OpenStackCli_QosCreateSetUnsetAssociateShowListDelete_PrintsWhatWasDone()
    {
        var project = CinderClient.NewProjectId();
        var name = UniqueName("q1");
        var typeName = UniqueName("qt");

        var created = await OpenStackJsonAsync(project, "volume", "qos", "create", "--consumer", "front-end", "--property", "read_iops_sec=100", name);
        Assert.Equal((name, "front-end"), (created["name"]!.GetValue<string>(), created["consumer"]!.GetValue<string>()));
        Assert.Equal("100", created["properties"]!["read_iops_sec"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        var typeId = (await OpenStackJsonAsync(project, "volume", "type", "create", typeName))["id"]!.GetValue<string>();

        Assert.Equal(0, (await OpenStackAsync(project, "volume", "qos", "set", "--property", "write_iops_sec=50", name)).ExitCode);
        Assert.Equal(0, (await OpenStackAsync(project, "volume", "qos", "unset", "--property", "read_iops_sec", name)).ExitCode);
        Assert.Equal(0, (await OpenStackAsync(project, "volume", "qos", "associate", name, typeName)).ExitCode);

        var shown = await OpenStackJsonAsync(project, "volume", "qos", "show", name);
        Assert.Equal(id, shown["id"]!.GetValue<string>());
        Assert.Equal("""{"write_iops_sec":"50"}""", shown["properties"]!.ToJsonString());
        Assert.Contains(typeName, shown["associations"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(id, (await OpenStackJsonAsync(project, "volume", "type", "show", typeName))["qos_specs_id"]!.GetValue<string>());
        var listed = JsonNode.Parse((await OpenStackAsync(project, "volume", "qos", "list", "-f", "json")).Output)!.AsArray();
        var row = Assert.Single(listed, row => row!["ID"]!.GetValue<string>() == id)!;
        Assert.Equal((name, "front-end"), (row["Name"]!.GetValue<string>(), row["Consumer"]!.GetValue<string>()));
        Assert.Equal([typeName], row["Associations"]!.AsArray().Select(item => item!.GetValue<string>()));

        var inUse = await OpenStackAsync(project, "volume", "qos", "delete", name);
        Assert.NotEqual(0, inUse.ExitCode);
        Assert.Contains("Qos specs still in use", inUse.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await OpenStackAsync(project, "volume", "qos", "disassociate", "--volume-type", typeName, name)).ExitCode);
        Assert.Null((await OpenStackJsonAsync(project, "volume", "type", "show", typeId))["qos_specs_id"]);
        Assert.Equal(0, (await OpenStackAsync(project, "volume", "qos", "delete", name)).ExitCode);
        Assert.NotEqual(0, (await OpenStackAsync(project, "volume", "qos", "show", id)).ExitCode);
    }

    [Fact]
    public async Task CinderCli_QosCreateKeyAssociateDisassociateAllDelete_PrintsWhatWasDone()
    {
        var project = CinderClient.NewProjectId();
        var name = UniqueName("cq");
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var typeIds = new[] { await CreateTypeAsync(cinder), await CreateTypeAsync(cinder) };

        var created = await CinderAsync(project, "qos-create", name, "consumer=both", "total_iops_sec=1000");
        Assert.Matches(@"\|\s*consumer\s*\|\s*both\s*\|", created.Output);
        Assert.Matches(@"\|\s*specs\s*\|.*total_iops_sec.*1000", created.Output);
        var id = IdRow().Match(created.Output).Groups[1].Value;

        Assert.Equal(0, (await CinderAsync(project, "qos-key", id, "set", "read_bytes_sec=2048")).ExitCode);
        Assert.Equal(0, (await CinderAsync(project, "qos-key", id, "unset", "total_iops_sec")).ExitCode);
        foreach (var typeId in typeIds)
        {
            Assert.Equal(0, (await CinderAsync(project, "qos-associate", id, typeId)).ExitCode);
        }

        var shown = await CinderAsync(project, "qos-show", id);
        Assert.Matches(@"read_bytes_sec.*2048", shown.Output);
        Assert.DoesNotContain("total_iops_sec", shown.Output, StringComparison.Ordinal);
        var associations = await CinderAsync(project, "qos-get-association", id);
        Assert.All(typeIds, typeId => Assert.Matches($@"\|\s*volume_type\s*\|\s*\S+\s*\|\s*{typeId}\s*\|", associations.Output));

        Assert.Equal(0, (await CinderAsync(project, "qos-disassociate-all", id)).ExitCode);
        Assert.DoesNotContain("volume_type", (await CinderAsync(project, "qos-get-association", id)).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CinderAsync(project, "qos-delete", id)).ExitCode);
        Assert.DoesNotContain(id, (await CinderAsync(project, "qos-list")).Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Tempest's own client (tempest.lib, validating every answer against its response schemas) through the steps of
    /// tempest/api/volume/admin/test_qos.py. python3-openstacksdk 0.101 (Debian) has no block-storage QoS resource, so
    /// this is the Python check here.
    /// </summary>
    [Fact]
    public async Task TempestQosClient_TestQosSteps_PassWithTempestsSchemas()
    {
        var project = CinderClient.NewProjectId();
        var script = RepositoryPaths.Combine("tests", "BlockStore.EndToEnd.Tests", "Scripts", "tempest_qos_flow.py");

        var (exitCode, output, error) = await RunPythonAsync(script, $"{fixture.Stack.ApiUrl}/v3/{project}", $"user1:{project}", UniqueName("tempest"));

        Assert.True(exitCode == 0, output + error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal(
            ["create", "create_delete_each_consumer", "show", "list", "set_unset_key", "associate_disassociate", "delete"],
            result["steps"]!.AsArray().Select(step => step!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateQos_SelfLink_ShowsTheSpec()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var created = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{UniqueName("link")}}}"}}""");
        var body = await CinderClient.ReadAsync(created);
        var self = body["links"]!.AsArray().Single(link => link!["rel"]!.GetValue<string>() == "self")!["href"]!.GetValue<string>();

        using var shown = await cinder.SendAsync(new HttpRequestMessage(HttpMethod.Get, self));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(body["qos_specs"]!["id"]!.GetValue<string>(), (await CinderClient.ReadAsync(shown))["qos_specs"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateQos_DuplicateNameInAnyCase_Is409()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = UniqueName("dup");
        await CreateQosAsync(cinder, name);

        using var second = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{name.ToUpperInvariant()}}}"}}""");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal($"QoS Specs {name.ToUpperInvariant()} already exists.", (await CinderClient.ReadAsync(second))["conflictingRequest"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateQos_BadConsumer_Is400AndNothingIsCreated()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = UniqueName("bad");

        using var response = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{name}}}", "consumer": "hypervisor"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Valid consumer of QoS specs are", (await CinderClient.ReadAsync(response))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        using var list = await cinder.GetAsync($"qos-specs?name={name}");
        Assert.Empty((await CinderClient.ReadAsync(list))["qos_specs"]!.AsArray());
    }

    [Fact]
    public async Task CreateAndShowQos_Bodies_HaveExactlyCindersKeysAndDefaultConsumer()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var created = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{UniqueName("shape")}}}", "iops": "10"}}""");
        var id = (await CinderClient.ReadAsync(created))["qos_specs"]!["id"]!.GetValue<string>();
        using var shown = await cinder.GetAsync($"qos-specs/{id}");
        var body = await CinderClient.ReadAsync(shown);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(["qos_specs", "links"], body.Select(pair => pair.Key));
        Assert.Equal(["id", "name", "consumer", "specs"], body["qos_specs"]!.AsObject().Select(pair => pair.Key));
        Assert.Equal("back-end", body["qos_specs"]!["consumer"]!.GetValue<string>());
        Assert.Equal("""{"iops":"10"}""", body["qos_specs"]!["specs"]!.ToJsonString());
    }

    [Fact]
    public async Task DeleteQos_Associated_Is400UnlessForcedWhichReleasesTheType()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await CreateQosAsync(cinder, UniqueName("inuse"));
        var typeId = await CreateTypeAsync(cinder);
        using (var associate = await cinder.GetAsync($"qos-specs/{id}/associate?vol_type_id={typeId}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, associate.StatusCode);
        }

        using var refused = await cinder.DeleteAsync($"qos-specs/{id}?force=False");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Qos specs still in use.", (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>());
        using (var stillThere = await cinder.GetAsync($"qos-specs/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }

        using var forced = await cinder.DeleteAsync($"qos-specs/{id}?force=True");
        Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        using var gone = await cinder.GetAsync($"qos-specs/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var type = await cinder.GetAsync($"types/{typeId}");
        Assert.Null((await CinderClient.ReadAsync(type))["volume_type"]!["qos_specs_id"]);
    }

    [Fact]
    public async Task Associate_TypeWithAnotherSpec_Is400AndKeepsTheFirst()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var first = await CreateQosAsync(cinder, UniqueName("first"));
        var second = await CreateQosAsync(cinder, UniqueName("second"));
        var typeId = await CreateTypeAsync(cinder);
        using (var associate = await cinder.GetAsync($"qos-specs/{first}/associate?vol_type_id={typeId}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, associate.StatusCode);
        }

        using var refused = await cinder.GetAsync($"qos-specs/{second}/associate?vol_type_id={typeId}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
            $"Invalid volume type: Type {typeId} is already associated with another qos specs: {first}",
            (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>());
        using var type = await cinder.GetAsync($"types/{typeId}");
        Assert.Equal(first, (await CinderClient.ReadAsync(type))["volume_type"]!["qos_specs_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteType_Associated_ReleasesTheAssociation()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await CreateQosAsync(cinder, UniqueName("typegone"));
        var typeId = await CreateTypeAsync(cinder);
        using (var associate = await cinder.GetAsync($"qos-specs/{id}/associate?vol_type_id={typeId}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, associate.StatusCode);
        }

        using var deleteType = await cinder.DeleteAsync($"types/{typeId}");
        using var associations = await cinder.GetAsync($"qos-specs/{id}/associations");
        using var deleteQos = await cinder.DeleteAsync($"qos-specs/{id}");

        Assert.Equal(HttpStatusCode.Accepted, deleteType.StatusCode);
        Assert.Empty((await CinderClient.ReadAsync(associations))["qos_associations"]!.AsArray());
        Assert.Equal(HttpStatusCode.Accepted, deleteQos.StatusCode);
    }

    [Theory]
    [InlineData("GET", "qos-specs/{0}", "")]
    [InlineData("PUT", "qos-specs/{0}", """{"qos_specs": {"k": "v"}}""")]
    [InlineData("PUT", "qos-specs/{0}/delete_keys", """{"keys": ["k"]}""")]
    [InlineData("DELETE", "qos-specs/{0}", "")]
    [InlineData("GET", "qos-specs/{0}/associations", "")]
    [InlineData("GET", "qos-specs/{0}/associate?vol_type_id={1}", "")]
    [InlineData("GET", "qos-specs/{0}/disassociate?vol_type_id={1}", "")]
    [InlineData("GET", "qos-specs/{0}/disassociate_all", "")]
    public async Task UnknownQosId_EveryRoute_Is404(string method, string path, string body)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var unknown = Guid.NewGuid().ToString("D");
        var typeId = await CreateTypeAsync(cinder);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"v3/{cinder.ProjectId}/{string.Format(System.Globalization.CultureInfo.InvariantCulture, path, unknown, typeId)}");
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await cinder.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"No such QoS spec {unknown}.", (await CinderClient.ReadAsync(response))["itemNotFound"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Associate_UnknownTypeOrNoType_Is404Or400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await CreateQosAsync(cinder, UniqueName("notype"));
        var unknown = Guid.NewGuid();

        using var missing = await cinder.GetAsync($"qos-specs/{id}/associate?vol_type_id={unknown}");
        using var none = await cinder.GetAsync($"qos-specs/{id}/associate");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"Volume type {unknown} could not be found.", (await CinderClient.ReadAsync(missing))["itemNotFound"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("Volume Type id must not be None.", (await CinderClient.ReadAsync(none))["badRequest"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnsetKeys_UnknownKey_Is404AndRemovesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var created = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{UniqueName("unset")}}}", "a": "1"}}""");
        var id = (await CinderClient.ReadAsync(created))["qos_specs"]!["id"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"v3/{cinder.ProjectId}/qos-specs/{id}/delete_keys")
        {
            Content = new StringContent("""{"keys": ["a", "nope"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await cinder.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"QoS spec {id} has no spec with key nope.", (await CinderClient.ReadAsync(response))["itemNotFound"]!["message"]!.GetValue<string>());
        using var shown = await cinder.GetAsync($"qos-specs/{id}");
        Assert.Equal("""{"a":"1"}""", (await CinderClient.ReadAsync(shown))["qos_specs"]!["specs"]!.ToJsonString());
    }

    /// <summary>
    /// The Debian python3, where Tempest is installed. About 35 requests: under the shared machine's load this can take
    /// longer than the 60 s that <see cref="Cli.RunAsync"/> allows one CLI command.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunPythonAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tempest_qos_flow.py did not finish in 5 minutes: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task<string> CreateQosAsync(CinderClient cinder, string name)
    {
        using var response = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{name}}}"}}""");
        var body = await CinderClient.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["qos_specs"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> CreateTypeAsync(CinderClient cinder)
    {
        using var response = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{UniqueName("qtype")}}}"}}""");
        var body = await CinderClient.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["volume_type"]!["id"]!.GetValue<string>();
    }

    private Task<JsonObject> OpenStackJsonAsync(string project, params string[] arguments) =>
        Cli.OpenStackJsonAsync(fixture.Stack.ApiUrl, project, arguments);

    private Task<(int ExitCode, string Output)> OpenStackAsync(string project, params string[] arguments) =>
        Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, arguments);

    private Task<(int ExitCode, string Output)> CinderAsync(string project, params string[] arguments) =>
        Cli.CinderAsync(fixture.Stack.ApiUrl, project, arguments);

    [GeneratedRegex(@"\|\s*id\s*\|\s*([0-9a-f-]{36})\s*\|")]
    private static partial Regex IdRow();
}
