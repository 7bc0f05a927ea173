using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;

namespace BlockStore.Core.Tests.Groups;

public sealed class GroupRequestParserTests
{
    private static T Parse<T>(string json, Func<JsonElement, T> parse)
    {
        using var document = JsonDocument.Parse(json);
        return parse(document.RootElement);
    }

    [Fact]
    public void ParseCreate_TempestBody_CarriesTypesAndName()
    {
        var request = Parse("""{"group": {"group_type": "gt", "volume_types": ["a", "b", "a"], "name": "g1"}}""", GroupRequestParser.ParseCreate);

        Assert.Equal(("gt", "g1", null), (request.GroupType, request.Name, request.AvailabilityZone));
        Assert.Equal(["a", "b"], request.VolumeTypes);
    }

    [Theory]
    [InlineData("""{"group": {"volume_types": ["a"]}}""", "'group_type' is a required property")]
    [InlineData("""{"group": {"group_type": "gt"}}""", "'volume_types' is a required property")]
    [InlineData("""{"group": {"group_type": "gt", "volume_types": []}}""", "non-empty list")]
    [InlineData("""{"group": {"group_type": "gt", "volume_types": "a"}}""", "non-empty list")]
    public void ParseCreate_MissingOrBadTypes_Is400(string body, string expected)
    {
        var error = Assert.Throws<BadRequestException>(() => Parse(body, GroupRequestParser.ParseCreate));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUpdate_CommaSeparatedVolumeIds_AreSplitAndTrimmed()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var request = Parse($$$"""{"group": {"add_volumes": "{{{a}}}, {{{b}}},", "remove_volumes": null}}""", GroupRequestParser.ParseUpdate);

        Assert.Equal([a, b], request.AddVolumes);
        Assert.Empty(request.RemoveVolumes);
        Assert.False(request.NameGiven);
    }

    [Theory]
    [InlineData("""{"group": {}}""", "can not be all empty")]
    [InlineData("""{"group": {"add_volumes": "not-a-uuid"}}""", "Invalid volume id not-a-uuid")]
    public void ParseUpdate_NothingOrBadIds_Is400(string body, string expected)
    {
        var error = Assert.Throws<BadRequestException>(() => Parse(body, GroupRequestParser.ParseUpdate));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUpdate_SameVolumeAddedAndRemoved_Is400()
    {
        var id = Guid.NewGuid();

        Assert.Throws<BadRequestException>(() => Parse($$$"""{"group": {"add_volumes": "{{{id}}}", "remove_volumes": "{{{id}}}"}}""", GroupRequestParser.ParseUpdate));
    }

    [Theory]
    [InlineData("""{"create-from-src": {"name": "n"}}""")]
    [InlineData("""{"create-from-src": {"group_snapshot_id": "6ac1f6b0-5a0b-4f1a-9c36-2d1d6d5e0f00", "source_group_id": "6ac1f6b0-5a0b-4f1a-9c36-2d1d6d5e0f01"}}""")]
    public void ParseCreateFromSource_NoneOrBothSources_Is400(string body)
    {
        var error = Assert.Throws<BadRequestException>(() => Parse(body, GroupRequestParser.ParseCreateFromSource));

        Assert.Contains("Either 'group_snapshot_id' or 'source_group_id'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"delete-volumes": true}""", true)]
    [InlineData("""{"delete-volumes": "True"}""", true)]
    [InlineData("""{"delete-volumes": false}""", false)]
    [InlineData("""{}""", false)]
    public void ParseDelete_Flag_DecidesWhetherVolumesGo(string action, bool expected) =>
        Assert.Equal(expected, Parse(action, GroupRequestParser.ParseDelete));

    [Fact]
    public void ParseResetStatus_KnownStatusInAnyCase_IsLowerCased() =>
        Assert.Equal("error", Parse("""{"status": "ERROR"}""", action => GroupRequestParser.ParseResetStatus(action, GroupStatuses.All, "Group")));

    [Fact]
    public void ParseResetStatus_UnknownStatus_Is400()
    {
        var error = Assert.Throws<BadRequestException>(() =>
            Parse("""{"status": "sleeping"}""", action => GroupRequestParser.ParseResetStatus(action, GroupSnapshotStatuses.All, "Group snapshot")));

        Assert.Equal("Invalid input received: Group snapshot status: sleeping is invalid.", error.Message);
    }

    [Fact]
    public void ParseCreateSnapshot_WithoutGroup_Is400() =>
        Assert.Throws<BadRequestException>(() => Parse("""{"group_snapshot": {"name": "s"}}""", GroupRequestParser.ParseCreateSnapshot));
}
