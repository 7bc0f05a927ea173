using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Transfers;

namespace BlockStore.Core.Tests.Transfers;

public sealed class TransferRequestParserTests
{
    private const string VolumeId = "8a3b4c8e-2f7e-4a52-9d7c-0b1e6f1d2a33";

    private static CreateTransferRequest Create(string json, bool allowNoSnapshots = false)
    {
        using var document = JsonDocument.Parse(json);
        return TransferRequestParser.ParseCreate(document.RootElement, allowNoSnapshots);
    }

    private static string Accept(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TransferRequestParser.ParseAccept(document.RootElement);
    }

    [Fact]
    public void ParseCreate_CinderclientBody_ReadsVolumeAndTrimmedName()
    {
        var request = Create($$$"""{"transfer": {"volume_id": "{{{VolumeId}}}", "name": "  to alt  "}}""");

        Assert.Equal(Guid.Parse(VolumeId), request.VolumeId);
        Assert.Equal("to alt", request.Name);
        Assert.False(request.NoSnapshots);
    }

    [Fact]
    public void ParseCreate_NoSnapshotsFrom355_IsRead()
    {
        var request = Create($$$"""{"transfer": {"volume_id": "{{{VolumeId}}}", "name": null, "no_snapshots": true}}""", allowNoSnapshots: true);

        Assert.True(request.NoSnapshots);
        Assert.Null(request.Name);
    }

    [Fact]
    public void ParseCreate_NoSnapshotsBefore355_IsAnUnexpectedProperty()
    {
        var error = Assert.Throws<BadRequestException>(() => Create($$$"""{"transfer": {"volume_id": "{{{VolumeId}}}", "no_snapshots": true}}"""));

        Assert.Contains("Additional properties are not allowed ('no_snapshots' was unexpected)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"transfer": {"name": "x"}}""", "'volume_id' is a required property")]
    [InlineData("""{"transfer": {"volume_id": "not-a-uuid"}}""", "is not a 'uuid'")]
    [InlineData("""{"volume_id": "8a3b4c8e-2f7e-4a52-9d7c-0b1e6f1d2a33"}""", "'transfer' object")]
    [InlineData("""{"transfer": {"volume_id": "8a3b4c8e-2f7e-4a52-9d7c-0b1e6f1d2a33", "name": 5}}""", "is not of type 'string'")]
    public void ParseCreate_InvalidBody_IsA400WithCindersWording(string json, string expected)
    {
        var error = Assert.Throws<BadRequestException>(() => Create(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"accept": {"auth_key": "0123456789abcdef"}}""", "0123456789abcdef")]
    [InlineData("""{"accept": {"auth_key": 1234}}""", "1234")]
    public void ParseAccept_StringOrIntegerKey_IsRead(string json, string expected) => Assert.Equal(expected, Accept(json));

    [Theory]
    [InlineData("""{"accept": {}}""", "'auth_key' is a required property")]
    [InlineData("""{"accept": {"auth_key": "k", "extra": 1}}""", "('extra' was unexpected)")]
    [InlineData("""{"accept": {"auth_key": ["k"]}}""", "is not of type 'string', 'integer'")]
    [InlineData("""{"auth_key": "k"}""", "'accept' object")]
    public void ParseAccept_InvalidBody_IsA400(string json, string expected)
    {
        var error = Assert.Throws<BadRequestException>(() => Accept(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
