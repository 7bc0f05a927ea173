using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Services;

namespace BlockStore.Core.Tests.Services;

public sealed class ServiceUpdateRequestParserTests
{
    private static ServiceUpdateRequest Parse(string action, string json)
    {
        using var document = JsonDocument.Parse(json);
        return ServiceUpdateRequestParser.Parse(action, document.RootElement);
    }

    private static string Fails(string action, string json) => Assert.Throws<BadRequestException>(() => Parse(action, json)).Message;

    [Fact]
    public void Parse_CinderclientDisableLogReason_KeepsHostBinaryAndReason()
    {
        var request = Parse("disable-log-reason", """{"host": "node1@file", "binary": "cinder-volume", "disabled_reason": "disk swap"}""");

        Assert.Equal(new ServiceUpdateRequest(ServiceAction.DisableLogReason, "node1@file", "cinder-volume", null, "disk swap"), request);
    }

    [Fact]
    public void Parse_DeprecatedServiceKey_IsTheBinary()
    {
        Assert.Equal("cinder-volume", Parse("enable", """{"host": "h@b", "service": "cinder-volume"}""").BinaryKey);
    }

    [Fact]
    public void Parse_NullReason_Is400AsCindersSchema()
    {
        Assert.Equal(
            "Invalid input for field/attribute disabled_reason. Value: None. None is not of type 'string'",
            Fails("disable-log-reason", """{"host": "h@b", "binary": "cinder-volume", "disabled_reason": null}"""));
    }

    [Theory]
    [InlineData("""{"host": "h@b", "binary": "cinder-volume", "disabled_reason": "   "}""")]
    [InlineData("""{"host": "h@b", "binary": "cinder-volume", "disabled_reason": 5}""")]
    public void Parse_BlankOrNonStringReason_Is400(string json)
    {
        Fails("disable-log-reason", json);
    }

    [Fact]
    public void Parse_ReasonLongerThan255_Is400()
    {
        Fails("disable-log-reason", $$"""{"host": "h@b", "binary": "cinder-volume", "disabled_reason": "{{new string('r', 256)}}"}""");
    }

    [Theory]
    [InlineData("enable", """{"binary": "cinder-volume"}""", "Host field is missing.")]
    [InlineData("freeze", """{}""", "Host field is missing.")]
    [InlineData("disable", """{"host": "h@b"}""", "'binary' is a required property")]
    [InlineData("disable", """{"host": "h@b", "binary": "cinder-volume", "disabled_reason": "x"}""", "Additional properties are not allowed ('disabled_reason' was unexpected)")]
    [InlineData("thaw", """{"host": "h@b", "binary": "cinder-volume"}""", "Additional properties are not allowed ('binary' was unexpected)")]
    [InlineData("reboot", """{"host": "h@b"}""", "Unknown action")]
    public void Parse_InvalidBody_Is400WithCindersReason(string action, string json, string reason)
    {
        Assert.Contains(reason, Fails(action, json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FreezeWithHost_NeedsNoBinary()
    {
        Assert.Equal(new ServiceUpdateRequest(ServiceAction.Freeze, "node1", null, null, null), Parse("freeze", """{"host": "node1"}"""));
    }
}
