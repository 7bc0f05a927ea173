using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Volumes;

namespace BlockStore.Core.Tests.Volumes;

public sealed class StrictVolumeSchemaTests
{
    [Fact]
    public void EnsureKnownCreateFields_CinderclientBody_Passes()
    {
        using var body = JsonDocument.Parse("""
            {"volume": {"size": 1, "consistencygroup_id": null, "snapshot_id": null, "name": "v", "description": null,
                        "volume_type": null, "availability_zone": null, "metadata": {}, "imageRef": null, "source_volid": null,
                        "backup_id": null, "group_id": null, "multiattach": false}}
            """);

        StrictVolumeSchema.EnsureKnownCreateFields(body.RootElement);
    }

    [Fact]
    public void EnsureKnownUpdateFields_SizeInAnUpdate_Is400NamingIt()
    {
        using var body = JsonDocument.Parse("""{"volume": {"name": "n", "size": 2}}""");

        var error = Assert.Throws<BadRequestException>(() => StrictVolumeSchema.EnsureKnownUpdateFields(body.RootElement));

        Assert.Contains("('size' was unexpected)", error.Message);
    }
}
