using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Types;

namespace BlockStore.Core.Tests.Types;

/// <summary>Volume type bodies and the type list's is_public filter, as Cinder's schemas and <c>_parse_is_public</c> read them.</summary>
public sealed class VolumeTypeRequestParserTests
{
    [Fact]
    public void ParseIsPublicFilter_Absent_ListsPublicTypes()
    {
        Assert.True(VolumeTypeRequestParser.ParseIsPublicFilter(null));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("none")]
    [InlineData("NONE")]
    public void ParseIsPublicFilter_None_ListsEveryType(string filter)
    {
        Assert.Null(VolumeTypeRequestParser.ParseIsPublicFilter(filter));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData(" yes ", true)]
    [InlineData("t", true)]
    [InlineData("on", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("f", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void ParseIsPublicFilter_BooleanWord_IsThatBoolean(string filter, bool expected)
    {
        Assert.Equal(expected, VolumeTypeRequestParser.ParseIsPublicFilter(filter));
    }

    [Theory]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("2")]
    public void ParseIsPublicFilter_AnythingElse_Is400WithCindersWording(string filter)
    {
        var refused = Assert.Throws<BadRequestException>(() => VolumeTypeRequestParser.ParseIsPublicFilter(filter));

        Assert.Equal($"Invalid is_public filter [{filter}]", refused.Message);
    }

    [Theory]
    [InlineData("1", "Value: 1. 1 is not of type 'string', 'null'")]
    [InlineData("1.5", "Value: 1.5. 1.5 is not of type 'string', 'null'")]
    [InlineData("false", "Value: False. False is not of type 'string', 'null'")]
    [InlineData("[\"a\"]", "Value: [\"a\"]. [\"a\"] is not of type 'string', 'null'")]
    public void ParseExtraSpecs_NonStringValue_Is400WithCindersWording(string value, string message)
    {
        using var create = JsonDocument.Parse($$$$"""{"volume_type": {"name": "t", "extra_specs": {"k": {{{{value}}}}}}}""");
        using var set = JsonDocument.Parse($$$"""{"extra_specs": {"k": {{{value}}}}}""");
        using var item = JsonDocument.Parse($$$"""{"k": {{{value}}}}""");

        foreach (var parse in new Action[]
        {
            () => VolumeTypeRequestParser.ParseCreate(create.RootElement),
            () => VolumeTypeRequestParser.ParseExtraSpecs(set.RootElement),
            () => VolumeTypeRequestParser.ParseExtraSpecItem(item.RootElement, "k"),
        })
        {
            Assert.Equal($"Invalid input for field/attribute k. {message}", Assert.Throws<BadRequestException>(parse).Message);
        }
    }

    [Fact]
    public void ParseExtraSpecs_StringValues_AreKeptAsGiven()
    {
        using var set = JsonDocument.Parse("""{"extra_specs": {"multiattach": "<is> True", "tier": "1"}}""");

        Assert.Equal(new Dictionary<string, string> { ["multiattach"] = "<is> True", ["tier"] = "1" }, VolumeTypeRequestParser.ParseExtraSpecs(set.RootElement));
    }
}
