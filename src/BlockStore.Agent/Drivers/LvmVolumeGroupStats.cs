namespace BlockStore.Agent.Drivers;

/// <summary>One row of <c>vgs --reportformat json --units b --nosuffix</c>.</summary>
internal sealed record LvmVolumeGroupStats(string Name, long SizeBytes, long FreeBytes);
