using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;

namespace BlockStore.Core.Tests.Groups;

public sealed class GroupTypeRequestParserTests
{
    private static T Parse<T>(string json, Func<JsonElement, T> parse)
    {
        using var document = JsonDocument.Parse(json);
        return parse(document.RootElement);
    }

    [Fact]
    public void ParseCreate_TempestBody_KeepsSpecsAndVisibility()
    {
        var (name, description, isPublic, specs) = Parse(
            """{"group_type": {"name": " gt ", "description": "d", "group_specs": {"consistent_group_snapshot_enabled": "<is> False"}, "is_public": false}}""",
            GroupTypeRequestParser.ParseCreate);

        Assert.Equal(("gt", "d", false), (name, description, isPublic));
        Assert.Equal("<is> False", specs["consistent_group_snapshot_enabled"]);
    }

    [Fact]
    public void ParseCreate_WithoutName_Is400() =>
        Assert.Throws<BadRequestException>(() => Parse("""{"group_type": {"description": "d"}}""", GroupTypeRequestParser.ParseCreate));

    [Fact]
    public void ParseUpdate_NothingToChange_Is400() =>
        Assert.Throws<BadRequestException>(() => Parse("""{"group_type": {}}""", GroupTypeRequestParser.ParseUpdate));

    [Theory]
    [InlineData("""{"group_specs": {"bad*key": "1"}}""")]
    [InlineData("""{"group_specs": {"key": 1}}""")]
    [InlineData("""{"group_specs": "key=1"}""")]
    public void ParseGroupSpecs_BadKeyOrValue_Is400(string body) =>
        Assert.Throws<BadRequestException>(() => Parse(body, GroupTypeRequestParser.ParseGroupSpecs));

    [Fact]
    public void ParseSpecItem_KeyNotTheOneOfTheUrl_Is400()
    {
        var error = Assert.Throws<BadRequestException>(() => Parse("""{"key4": "v"}""", body => GroupTypeRequestParser.ParseSpecItem(body, "key3")));

        Assert.Equal("Invalid input received: Request body and URI mismatch", error.Message);
    }
}
