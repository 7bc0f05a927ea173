namespace BlockStore.Agent.Drivers;

/// <summary>One row of <c>lvs --reportformat json --units b --nosuffix</c>.</summary>
internal sealed record LvmLogicalVolume(
    string Name,
    long SizeBytes,
    string Attributes,
    string SegmentType,
    string Origin,
    long? OriginSizeBytes,
    string PoolLv,
    double? DataPercent,
    IReadOnlyList<string> Tags)
{
    public bool IsThin => SegmentType == "thin";

    public bool IsThinPool => SegmentType == "thin-pool";
}
