using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Types;

namespace BlockStore.Core.Tests.Types;

/// <summary>Encryption bodies as Cinder's schema reads them, and how an update changes a stored encryption.</summary>
public sealed class VolumeTypeEncryptionTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ParseCreate_KeySizeAsDigits_IsTheNumber()
    {
        var fields = Parse(VolumeTypeEncryptionRequestParser.ParseCreate, """{"encryption": {"provider": "luks", "control_location": "back-end", "key_size": "512"}}""");

        Assert.Equal(("luks", "back-end", 512, true, false), (fields.Provider, fields.ControlLocation, fields.KeySize, fields.KeySizeGiven, fields.CipherGiven));
    }

    [Theory]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": "front-end", "key_size": "25x"}}""")]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": "front-end", "key_size": 2.5}}""")]
    [InlineData("""{"encryption": {"provider": null, "control_location": "front-end"}}""")]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": null}}""")]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": "front-end"}, "extra": 1}""")]
    [InlineData("""{"encryption": "luks"}""")]
    public void ParseCreate_OutsideTheSchema_Is400(string body)
    {
        Assert.Throws<BadRequestException>(() => Parse(VolumeTypeEncryptionRequestParser.ParseCreate, body));
    }

    [Fact]
    public void ParseUpdate_NoRequiredFields_KeepsWhatWasNotGiven()
    {
        var stored = new VolumeTypeEncryption { Id = Guid.NewGuid(), Provider = "luks", Cipher = "aes-xts-plain64", KeySize = 256, ControlLocation = "front-end", CreatedAt = Created };
        var at = Created.AddDays(1);

        var updated = stored.With(Parse(VolumeTypeEncryptionRequestParser.ParseUpdate, """{"encryption": {"key_size": null, "control_location": "back-end"}}"""), at);

        Assert.Equal(stored with { KeySize = null, ControlLocation = "back-end", UpdatedAt = at }, updated);
    }

    private static VolumeTypeEncryptionFields Parse(Func<JsonElement, VolumeTypeEncryptionFields> parse, string json)
    {
        using var document = JsonDocument.Parse(json);
        return parse(document.RootElement);
    }
}
