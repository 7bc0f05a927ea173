using System.Text.Json.Nodes;

namespace BlockStore.Core.Agents;

/// <summary>
/// Cinder's connection info: <c>{"driver_volume_type": "iscsi"|"rbd"|"local", "data": {…}}</c>. The data's keys are
/// Cinder's, per protocol (target_iqn, target_portal, target_lun, auth_method, … / name, hosts, ports, auth_username,
/// secret_uuid, …), so os-brick and Nova read it unchanged.
/// </summary>
public sealed record ConnectionInfo
{
    public required string DriverVolumeType { get; init; }
    public required JsonObject Data { get; init; }
}
