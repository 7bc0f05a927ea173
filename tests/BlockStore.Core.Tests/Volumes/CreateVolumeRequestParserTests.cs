using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Volumes;

namespace BlockStore.Core.Tests.Volumes;

public sealed class CreateVolumeRequestParserTests
{
    private static CreateVolumeRequest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CreateVolumeRequestParser.Parse(document.RootElement);
    }

    private static BadRequestException ParseFails(string json) => Assert.Throws<BadRequestException>(() => Parse(json));

    private static string Repeat(int count) => new('x', count);

    [Fact]
    public void Parse_PythonCinderclientBody_ParsesWithNullsIgnored()
    {
        const string body = """
            {"volume": {"size": 1, "consistencygroup_id": null, "snapshot_id": null, "name": "v1",
                        "description": null, "volume_type": null, "availability_zone": null, "metadata": {},
                        "imageRef": null, "source_volid": null, "backup_id": null}}
            """;

        var request = Parse(body);

        Assert.Equal(1, request.SizeGib);
        Assert.Equal("v1", request.Name);
        Assert.Null(request.Description);
        Assert.Null(request.VolumeType);
        Assert.Null(request.AvailabilityZone);
        Assert.Empty(request.Metadata);
    }

    [Fact]
    public void Parse_AllFieldsGiven_CarriesThemThrough()
    {
        var request = Parse("""
            {"volume": {"size": 3, "name": "db", "description": "data", "volume_type": "ssd",
                        "availability_zone": "az1", "metadata": {"tier": "gold"}}}
            """);

        Assert.Equal(3, request.SizeGib);
        Assert.Equal("db", request.Name);
        Assert.Equal("data", request.Description);
        Assert.Equal("ssd", request.VolumeType);
        Assert.Equal("az1", request.AvailabilityZone);
        Assert.Equal("gold", request.Metadata["tier"]);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("\"10\"", 10)]
    [InlineData("1", 1)]
    [InlineData("\"1\"", 1)]
    public void Parse_SizeAsIntegerOrDigitString_IsAccepted(string size, int expected)
    {
        var request = Parse($$$"""{"volume": {"size": {{{size}}}}}""");

        Assert.Equal(expected, request.SizeGib);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"1.5\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"-1\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void Parse_InvalidSize_ThrowsBadRequestNamingSize(string size)
    {
        var error = ParseFails($$$"""{"volume": {"size": {{{size}}}, "name": "v1"}}""");

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("attribute size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SizeMissing_ThrowsBadRequestNamingSize()
    {
        var error = ParseFails("""{"volume": {"name": "v1"}}""");

        Assert.Contains("attribute size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SizeZero_SaysTheMinimumIsOne()
    {
        var error = ParseFails("""{"volume": {"size": 0}}""");

        Assert.Contains("less than the minimum of 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("description")]
    public void Parse_TextFieldOf256Characters_ThrowsBadRequestNamingField(string field)
    {
        var error = ParseFails($$$"""{"volume": {"size": 1, "{{{field}}}": "{{{Repeat(256)}}}"}}""");

        Assert.Contains($"attribute {field}", error.Message, StringComparison.Ordinal);
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("description")]
    public void Parse_TextFieldOf255Characters_IsAccepted(string field)
    {
        var request = Parse($$$"""{"volume": {"size": 1, "{{{field}}}": "{{{Repeat(255)}}}"}}""");

        Assert.Equal(255, (field == "name" ? request.Name : request.Description)!.Length);
    }

    [Fact]
    public void Parse_NameNotAString_ThrowsBadRequest()
    {
        var error = ParseFails("""{"volume": {"size": 1, "name": 42}}""");

        Assert.Contains("attribute name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"a\": \"b\"}")]
    [InlineData("[\"a\"]")]
    public void Parse_MetadataValueNotAString_ThrowsBadRequestNamingMetadata(string value)
    {
        var error = ParseFails($$$"""{"volume": {"size": 1, "metadata": {"key": {{{value}}} } } }""");

        Assert.Contains("attribute metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MetadataKeyOf256Characters_ThrowsBadRequest()
    {
        var error = ParseFails($$$"""{"volume": {"size": 1, "metadata": {"{{{Repeat(256)}}}": "v"} } }""");

        Assert.Contains("attribute metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MetadataValueOf256Characters_ThrowsBadRequest()
    {
        var error = ParseFails($$$"""{"volume": {"size": 1, "metadata": {"k": "{{{Repeat(256)}}}"} } }""");

        Assert.Contains("attribute metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MetadataKeyAndValueOf255Characters_AreAccepted()
    {
        var key = new string('k', 255);
        var request = Parse($$$"""{"volume": {"size": 1, "metadata": {"{{{key}}}": "{{{Repeat(255)}}}"} } }""");

        Assert.Equal(Repeat(255), request.Metadata[key]);
    }

    [Fact]
    public void Parse_MetadataNotAnObject_ThrowsBadRequest()
    {
        var error = ParseFails("""{"volume": {"size": 1, "metadata": ["a"]}}""");

        Assert.Contains("attribute metadata", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"size": 1}""")]
    [InlineData("""{"volumes": {"size": 1}}""")]
    [InlineData("""{"volume": null}""")]
    [InlineData("""{"volume": 1}""")]
    [InlineData("""[{"volume": {"size": 1}}]""")]
    public void Parse_BodyWithoutVolumeObject_ThrowsBadRequest(string body)
    {
        var error = ParseFails(body);

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("'volume'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imageRef")]
    [InlineData("image_id")]
    [InlineData("backup_id")]
    public void Parse_UnsupportedSourceGiven_ThrowsBadRequestNamingIt(string field)
    {
        var error = ParseFails($$$"""{"volume": {"size": 1, "{{{field}}}": "1b8a4c3e-3e53-4f0c-9d45-0d2c9c1a7e11"}}""");

        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imageRef")]
    public void Parse_UnsupportedSourceExplicitlyNull_IsAccepted(string field)
    {
        var request = Parse($$$"""{"volume": {"size": 2, "{{{field}}}": null}}""");

        Assert.Equal(2, request.SizeGib);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("\"yes\"")]
    public void Parse_MultiattachTrue_Is400AsCinderWhichRemovedIt(string value)
    {
        var error = ParseFails($$$"""{"volume": {"size": 1, "multiattach": {{{value}}}}}""");

        Assert.StartsWith("multiattach parameter has been removed.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MultiattachFalseOrNotABoolean_IsAcceptedOrRefusedByTheSchema()
    {
        Assert.Equal(1, Parse("""{"volume": {"size": 1, "multiattach": false}}""").SizeGib);
        Assert.Contains("is not of type 'boolean'", ParseFails("""{"volume": {"size": 1, "multiattach": "maybe"}}""").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LegacyDisplayName_IsUsedWhenNameIsAbsent()
    {
        var request = Parse("""{"volume": {"size": 1, "display_name": "old", "display_description": "style"}}""");

        Assert.Equal("old", request.Name);
        Assert.Equal("style", request.Description);
    }

    [Theory]
    [InlineData("snapshot_id")]
    [InlineData("source_volid")]
    public void Parse_SourceWithoutSize_TakesTheSourcesSizeLater(string field)
    {
        var id = Guid.NewGuid();

        var request = CreateVolumeRequestParser.Parse(JsonDocument.Parse($$$"""{"volume": {"{{{field}}}": "{{{id}}}"}}""").RootElement);

        Assert.Null(request.SizeGib);
        Assert.Equal(id, field == "snapshot_id" ? request.SnapshotId : request.SourceVolumeId);
    }

    [Fact]
    public void Parse_SnapshotAndSourceVolumeTogether_IsBadRequest()
    {
        var error = ParseFails($$$"""{"volume": {"snapshot_id": "{{{Guid.NewGuid()}}}", "source_volid": "{{{Guid.NewGuid()}}}"}}""");

        Assert.Contains("Only one of snapshot_id and source_volid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SnapshotIdThatIsNoUuid_IsBadRequestAsCindersSchema()
    {
        var error = ParseFails("""{"volume": {"size": 1, "snapshot_id": "snap1"}}""");

        Assert.Contains("is not a 'uuid'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoSourceAndNoSize_StillNamesSize()
    {
        var error = ParseFails("""{"volume": {"name": "x"}}""");

        Assert.Contains("size", error.Message, StringComparison.Ordinal);
    }
}
