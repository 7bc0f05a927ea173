using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Qos;

namespace BlockStore.Core.Tests.Qos;

public sealed class QosSpecRequestParserTests
{
    private static (string Name, string Consumer, IReadOnlyDictionary<string, string> Specs) Create(string json)
    {
        using var document = JsonDocument.Parse(json);
        return QosSpecRequestParser.ParseCreate(document.RootElement);
    }

    private static IReadOnlyDictionary<string, string> Set(string json)
    {
        using var document = JsonDocument.Parse(json);
        return QosSpecRequestParser.ParseSet(document.RootElement);
    }

    private static IReadOnlyList<string> Unset(string json)
    {
        using var document = JsonDocument.Parse(json);
        return QosSpecRequestParser.ParseUnset(document.RootElement);
    }

    [Fact]
    public void ParseCreate_OpenStackClientBody_SeparatesNameConsumerAndSpecs()
    {
        var (name, consumer, specs) = Create("""{"qos_specs": {"name": " q1 ", "consumer": "front-end", "read_iops_sec": "100"}}""");

        Assert.Equal(("q1", "front-end"), (name, consumer));
        Assert.Equal(new Dictionary<string, string> { ["read_iops_sec"] = "100" }, specs);
    }

    [Fact]
    public void ParseCreate_NoConsumer_DefaultsToBackEnd()
    {
        var (_, consumer, specs) = Create("""{"qos_specs": {"name": "q1", "total_iops_sec": 1000}}""");

        Assert.Equal("back-end", consumer);
        Assert.Equal("1000", specs["total_iops_sec"]);
    }

    [Theory]
    [InlineData("""{"qos_specs": {"name": "q1", "consumer": "hypervisor"}}""")]
    [InlineData("""{"qos_specs": {"name": "q1", "consumer": "Front-End"}}""")]
    public void ParseCreate_UnknownConsumer_Is400ListingTheValidOnes(string json)
    {
        var error = Assert.Throws<BadRequestException>(() => Create(json));

        Assert.Equal("Invalid qos specs: Valid consumer of QoS specs are: ['front-end', 'back-end', 'both']", error.Message);
    }

    [Theory]
    [InlineData("""{"qos_specs": {"consumer": "both"}}""")]
    [InlineData("""{"qos_specs": {"name": "   "}}""")]
    [InlineData("""{"qos_specs": {"name": 7}}""")]
    [InlineData("""{"qos_specs": "q1"}""")]
    [InlineData("""{"qos": {"name": "q1"}}""")]
    [InlineData("""{"qos_specs": {"name": "q1", "bad*key": "1"}}""")]
    [InlineData("""{"qos_specs": {"name": "q1", "iops": {"nested": 1}}}""")]
    public void ParseCreate_InvalidBody_Is400(string json) => Assert.Throws<BadRequestException>(() => Create(json));

    [Fact]
    public void ParseSet_KeysAndConsumer_KeepsThemAsSent()
    {
        var keys = Set("""{"qos_specs": {"iops_bytes": "500", "consumer": "both"}}""");

        Assert.Equal(new Dictionary<string, string> { ["iops_bytes"] = "500", ["consumer"] = "both" }, keys);
    }

    [Theory]
    [InlineData("""{"qos_specs": {"consumer": "nowhere"}}""")]
    [InlineData("""{"qos_specs": {"k": null}}""")]
    [InlineData("""{"qos_specs": {"k": "1"}, "extra": 1}""")]
    [InlineData("""{"keys": ["k"]}""")]
    public void ParseSet_InvalidBody_Is400(string json) => Assert.Throws<BadRequestException>(() => Set(json));

    [Fact]
    public void ParseUnset_Keys_ReturnsThemInOrder() =>
        Assert.Equal(["b", "a"], Unset("""{"keys": ["b", "a"]}"""));

    [Theory]
    [InlineData("""{"keys": "a"}""")]
    [InlineData("""{"keys": ["a", "a"]}""")]
    [InlineData("""{"keys": [""]}""")]
    [InlineData("""{"keys": [1]}""")]
    [InlineData("""{"qos_specs": {"a": "1"}}""")]
    public void ParseUnset_InvalidBody_Is400(string json) => Assert.Throws<BadRequestException>(() => Unset(json));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("True", true)]
    [InlineData("False", false)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    public void ParseForce_BooleanStrings_AreAccepted(string? value, bool expected) =>
        Assert.Equal(expected, QosSpecRequestParser.ParseForce(value));

    [Fact]
    public void ParseForce_NotABoolean_Is400() =>
        Assert.Equal("Value 'maybe' for 'force' is not a boolean.", Assert.Throws<BadRequestException>(() => QosSpecRequestParser.ParseForce("maybe")).Message);

    [Fact]
    public void ParseVolumeTypeId_Missing_Is400WithCindersMessage() =>
        Assert.Equal("Volume Type id must not be None.", Assert.Throws<BadRequestException>(() => QosSpecRequestParser.ParseVolumeTypeId(null)).Message);
}
