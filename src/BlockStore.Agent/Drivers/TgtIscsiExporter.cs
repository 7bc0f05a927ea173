using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Exports volumes through userspace tgtd, after Cinder's TgtAdm helper: one target per volume (IQN = prefix + volume
/// name), LUN 1 backed by the volume's file or block device, the volume's CHAP account bound to the target, and an ACL
/// entry per connector initiator. Every step looks at what tgtd already has, so repeating an export or its withdrawal
/// changes nothing; after a tgtd restart (which forgets every target) the next initialize rebuilds the export.
/// </summary>
public sealed class TgtIscsiExporter
{
    public const int Lun = 1;

    // Target ids are tgtd-wide: exports of all backends that share one tgtd are serialised.
    private static readonly ConcurrentDictionary<int, SemaphoreSlim> Locks = new();

    private readonly IscsiOptions _options;
    private readonly string _dataDirectory;
    private readonly Tgtadm _tgtadm;

    public TgtIscsiExporter(IscsiOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _options = options;
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _tgtadm = new Tgtadm(options.ControlPort, options.CommandTimeout);
    }

    public string TargetIqn(string volumeName) => _options.TargetPrefix + volumeName;

    /// <summary>Exports <paramref name="backingPath"/> as LUN 1 of the volume's target to the connector's initiator.</summary>
    public async Task<ConnectionInfo> ExportAsync(string volumeName, string backingPath, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "export");
        ArgumentNullException.ThrowIfNull(connector);
        var initiator = RequireInitiator(volumeName, connector);
        if (!IscsiOptions.TryParsePortal(_options.Portal, out _, out _))
        {
            throw new VolumeDriverException($"Cannot export {volumeName}: Iscsi:Portal '{_options.Portal}' is not address:port.");
        }

        var credentials = await IscsiChapCredentials.GetOrCreateAsync(_dataDirectory, volumeName, cancellationToken);
        var iqn = TargetIqn(volumeName);
        await WithLockAsync(async () =>
        {
            var target = await EnsureTargetAsync(iqn, cancellationToken);
            if (!target.Luns.TryGetValue(Lun, out var backing))
            {
                await _tgtadm.NewLogicalUnitAsync(target.Tid, Lun, backingPath, cancellationToken);
            }
            else if (!string.Equals(backing, backingPath, StringComparison.Ordinal))
            {
                throw new VolumeDriverException(
                    $"Cannot export {volumeName}: its target {iqn} (tid {target.Tid}) already serves {backing} as LUN {Lun}, not {backingPath}. Delete that target with tgtadm and retry.");
            }

            // CHAP before the ACL: the target accepts its initiator only once the account guards it.
            if (!(await _tgtadm.ShowAccountsAsync(cancellationToken)).Contains(credentials.Username, StringComparer.Ordinal))
            {
                await _tgtadm.NewAccountAsync(credentials.Username, credentials.Password, cancellationToken);
            }

            if (!target.Accounts.Contains(credentials.Username, StringComparer.Ordinal))
            {
                await _tgtadm.BindAccountAsync(target.Tid, credentials.Username, cancellationToken);
            }

            if (!target.Initiators.Contains(initiator, StringComparer.Ordinal))
            {
                await _tgtadm.BindInitiatorAsync(target.Tid, initiator, cancellationToken);
            }
        }, cancellationToken);

        return new ConnectionInfo
        {
            DriverVolumeType = "iscsi",
            Data = new JsonObject
            {
                ["target_discovered"] = false,
                ["target_iqn"] = iqn,
                ["target_portal"] = _options.Portal,
                ["target_lun"] = Lun,
                ["volume_id"] = volumeName["volume-".Length..],
                ["auth_method"] = "CHAP",
                ["auth_username"] = credentials.Username,
                ["auth_password"] = credentials.Password,
                ["encrypted"] = false,
            },
        };
    }

    /// <summary>
    /// Withdraws the export from the connector's initiator; the target goes when no initiator is left (Cinder's
    /// remove_export). The credentials stay with the volume, so a later export returns the same ones.
    /// </summary>
    public async Task UnexportAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "withdraw the export of");
        ArgumentNullException.ThrowIfNull(connector);
        var initiator = RequireInitiator(volumeName, connector);
        var iqn = TargetIqn(volumeName);
        await WithLockAsync(async () =>
        {
            var target = await FindTargetAsync(iqn, cancellationToken);
            if (target is null)
            {
                return;
            }

            if (target.Initiators.Contains(initiator, StringComparer.Ordinal))
            {
                await _tgtadm.UnbindInitiatorAsync(target.Tid, initiator, cancellationToken);
            }

            if (target.Initiators.All(i => string.Equals(i, initiator, StringComparison.Ordinal)))
            {
                await DeleteTargetAndAccountsAsync(target, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>Removes every trace of the volume's export, credentials included (before the volume is deleted).</summary>
    public async Task RemoveAsync(string volumeName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "remove the export of");

        // Without credentials the volume was never exported, and deleting it must not need a running tgtd.
        if (!File.Exists(IscsiChapCredentials.PathFor(_dataDirectory, volumeName)))
        {
            return;
        }

        var iqn = TargetIqn(volumeName);
        await WithLockAsync(async () =>
        {
            if (await FindTargetAsync(iqn, cancellationToken) is { } target)
            {
                await DeleteTargetAndAccountsAsync(target, cancellationToken);
            }
        }, cancellationToken);
        IscsiChapCredentials.Delete(_dataDirectory, volumeName);
    }

    /// <summary>
    /// Makes an exported LUN show the volume's new size after an extend: tgtd reads the size when the LUN is added,
    /// so the LUN is added again (Cinder's TgtAdm does the same through <c>tgt-admin --update</c>).
    /// </summary>
    public async Task RefreshAsync(string volumeName, string backingPath, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "refresh the export of");
        var iqn = TargetIqn(volumeName);
        await WithLockAsync(async () =>
        {
            if (await FindTargetAsync(iqn, cancellationToken) is { } target && target.Luns.ContainsKey(Lun))
            {
                await _tgtadm.DeleteLogicalUnitAsync(target.Tid, Lun, cancellationToken);
                await _tgtadm.NewLogicalUnitAsync(target.Tid, Lun, backingPath, cancellationToken);
            }
        }, cancellationToken);
    }

    private async Task<TgtTarget?> FindTargetAsync(string iqn, CancellationToken cancellationToken) =>
        (await _tgtadm.ShowTargetsAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Iqn, iqn, StringComparison.Ordinal));

    // Cinder's TgtAdm lets tgt-admin pick the tid; with tgtadm the next free one is taken. Another tgtadm user may
    // take it first, so a failed "new target" is retried after looking again.
    private async Task<TgtTarget> EnsureTargetAsync(string iqn, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var targets = await _tgtadm.ShowTargetsAsync(cancellationToken);
            if (targets.FirstOrDefault(t => string.Equals(t.Iqn, iqn, StringComparison.Ordinal)) is { } existing)
            {
                return existing;
            }

            var tid = targets.Count == 0 ? 1 : targets.Max(t => t.Tid) + 1;
            try
            {
                await _tgtadm.NewTargetAsync(tid, iqn, cancellationToken);
            }
            catch (VolumeDriverException) when (attempt < 3)
            {
                continue;
            }

            return new TgtTarget(tid, iqn, new Dictionary<int, string>(), [], []);
        }
    }

    private async Task DeleteTargetAndAccountsAsync(TgtTarget target, CancellationToken cancellationToken)
    {
        await _tgtadm.DeleteTargetAsync(target.Tid, cancellationToken);
        var accounts = await _tgtadm.ShowAccountsAsync(cancellationToken);
        foreach (var account in target.Accounts.Where(a => accounts.Contains(a, StringComparer.Ordinal)))
        {
            await _tgtadm.DeleteAccountAsync(account, cancellationToken);
        }
    }

    private async Task WithLockAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(_options.ControlPort ?? 0, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private static void RequireVolumeName(string volumeName, string operation)
    {
        if (!StorageNames.IsVolumeName(volumeName))
        {
            throw new VolumeDriverException($"The iSCSI export refused to {operation} '{volumeName}': it is not a volume-<uuid> name.");
        }
    }

    private static string RequireInitiator(string volumeName, VolumeConnector connector)
    {
        if (!IscsiNames.IsInitiatorName(connector.Initiator))
        {
            throw new VolumeDriverException(
                $"Cannot export {volumeName} over iSCSI: the connector's initiator '{connector.Initiator}' is not an iSCSI name (iqn.yyyy-mm.domain:…, eui.… or naa.…); send the host's initiator name from /etc/iscsi/initiatorname.iscsi.");
        }

        // As given, not lower-cased: tgtd compares the ACL with the name the initiator logs in with.
        return connector.Initiator!;
    }
}
