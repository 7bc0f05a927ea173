using BlockStore.Core.Errors;
using BlockStore.Core.Types;

namespace BlockStore.Core.Tests.Types;

/// <summary>The type list's is_public filter as Cinder's <c>_parse_is_public</c> reads it for an admin.</summary>
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
}
