namespace BlockStore.Agent.Tests.Drivers.Rbd;

/// <summary>The RBD test classes share one cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CephCollection : ICollectionFixture<CephFixture>
{
    public const string Name = "Ceph";
}
