using BlockStore.Core.Errors;
using BlockStore.Core.Qos;
using BlockStore.Core.Types;

namespace BlockStore.Core.Tests.Qos;

public sealed class QosSpecTests
{
    private static readonly QosSpec Spec = new()
    {
        Id = Guid.NewGuid(),
        Name = "q1",
        Consumer = QosConsumer.FrontEnd,
        Specs = new Dictionary<string, string> { ["read_iops_sec"] = "100", ["write_iops_sec"] = "50" },
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void WithKeys_NewAndExistingKeys_MergesAndMovesConsumerOutOfTheSpecs()
    {
        var changed = Spec.WithKeys(new Dictionary<string, string> { ["read_iops_sec"] = "200", ["total_bytes_sec"] = "1024", ["consumer"] = "both" });

        Assert.Equal("both", changed.Consumer);
        Assert.Equal(
            new Dictionary<string, string> { ["read_iops_sec"] = "200", ["write_iops_sec"] = "50", ["total_bytes_sec"] = "1024" },
            changed.Specs);
    }

    [Fact]
    public void WithoutKeys_KnownKeys_RemovesOnlyThem() =>
        Assert.Equal(new Dictionary<string, string> { ["write_iops_sec"] = "50" }, Spec.WithoutKeys(["read_iops_sec"]).Specs);

    [Fact]
    public void WithoutKeys_OneUnknownKey_Is404AndRemovesNothing()
    {
        var error = Assert.Throws<NotFoundException>(() => Spec.WithoutKeys(["read_iops_sec", "nope"]));

        Assert.Equal($"QoS spec {Spec.Id:D} has no spec with key nope.", error.Message);
        Assert.Equal(2, Spec.Specs.Count);
    }

    [Fact]
    public void AssociateQos_TypeWithAnotherSpec_Is400NamingIt()
    {
        var other = Guid.NewGuid();
        var type = new VolumeType { Id = Guid.NewGuid(), Name = "t", CreatedAt = DateTimeOffset.UnixEpoch, QosSpecsId = other };

        var error = Assert.Throws<BadRequestException>(() => type.AssociateQos(Spec.Id));

        Assert.Equal($"Invalid volume type: Type {type.Id:D} is already associated with another qos specs: {other:D}", error.Message);
    }

    [Fact]
    public void AssociateQos_FreeTypeOrSameSpec_IsAssociated()
    {
        var type = new VolumeType { Id = Guid.NewGuid(), Name = "t", CreatedAt = DateTimeOffset.UnixEpoch };

        var associated = type.AssociateQos(Spec.Id);

        Assert.Equal(Spec.Id, associated.QosSpecsId);
        Assert.Equal(Spec.Id, associated.AssociateQos(Spec.Id).QosSpecsId);
    }
}
