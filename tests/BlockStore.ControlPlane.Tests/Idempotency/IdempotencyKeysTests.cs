using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Tests.Transfers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.ControlPlane.Tests.Idempotency;

/// <summary>Idempotency records against a real Table store (Azurite): what a retry with the key is answered.</summary>
public sealed class IdempotencyKeysTests(TransferStoreFixture fixture) : IClassFixture<TransferStoreFixture>
{
    private const string Body = """{"thing": {"name": "once"}}""";

    private IdempotencyKeys Keys => fixture.Services.GetRequiredService<IdempotencyKeys>();

    private TableClient Projects => fixture.Services.GetRequiredService<TableSet>().Projects;

    [Fact]
    public async Task Retry_SameKeyAndBody_GetsTheFirstAnswerFromASealedRecord()
    {
        var (project, key) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString());
        var first = await CreateAsync(project, key, new JsonObject { ["thing"] = new JsonObject { ["secret"] = "s3cr3t" } });

        var creates = 0;
        var retry = await Keys.CreateAsync(Http(key), Request(project), Keys.InProject(project), _ => Task.FromResult(CinderResult.Empty(500 + ++creates)));

        Assert.Equal((0, 202, first.Body!.ToJsonString()), (creates, retry.StatusCode, retry.Body?.ToJsonString()));
        var record = Assert.Single(await Projects.QueryAsync<TableEntity>(row => row.PartitionKey == project).ToListAsync());
        Assert.DoesNotContain("s3cr3t", Encoding.UTF8.GetString(record.GetBinary("SealedBody")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_OfARecordWrittenBeforeAnswersWereSealed_GetsItsPlainAnswer()
    {
        var (project, key) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString());
        await CreateAsync(project, key, new JsonObject { ["thing"] = "sealed" });
        var record = Assert.Single(await Projects.QueryAsync<TableEntity>(row => row.PartitionKey == project).ToListAsync());
        record.Remove("SealedBody");
        record["Body"] = """{"thing": "plain"}""";
        await Projects.UpsertEntityAsync(record, TableUpdateMode.Replace);

        var retry = await Keys.CreateAsync(Http(key), Request(project), Keys.InProject(project), _ => Task.FromResult(CinderResult.Empty(500)));

        Assert.Equal((202, """{"thing":"plain"}"""), (retry.StatusCode, retry.Body?.ToJsonString()));
    }

    /// <summary>A create that inserts only its record, answering <paramref name="answer"/>.</summary>
    private Task<CinderResult> CreateAsync(string project, string key, JsonObject answer) =>
        Keys.CreateAsync(Http(key), Request(project), Keys.InProject(project), async request =>
        {
            await Projects.AddEntityAsync(request.Record(202, answer));
            return CinderResult.Json(202, answer);
        });

    private static DefaultHttpContext Http(string key)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/v3/things";
        http.Request.Headers[IdempotencyKeys.Header] = key;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Body));
        return http;
    }

    private static RequestContext Request(string project) => new()
    {
        ProjectId = project,
        UserId = "user",
        Role = "member",
        RequestId = "req-test",
        BaseUrl = "http://127.0.0.1",
        CancellationToken = CancellationToken.None,
    };
}
