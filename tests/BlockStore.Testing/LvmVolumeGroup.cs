using System.Globalization;

namespace BlockStore.Testing;

/// <summary>
/// A volume group on its own loop device with its own <c>LVM_SYSTEM_DIR</c>: an lvm.conf with <c>activation = 0</c>
/// (this kernel has no device-mapper, so LVs exist as metadata only) and a device filter that sees only this loop
/// device, so tests never touch the host's volume groups or each other's. Removed with its device on dispose.
/// </summary>
public sealed class LvmVolumeGroup : IAsyncDisposable
{
    private readonly DirectoryInfo _systemDirectory;

    private LvmVolumeGroup(string name, DirectoryInfo systemDirectory, LoopDevice device)
    {
        Name = name;
        _systemDirectory = systemDirectory;
        Device = device;
    }

    public string Name { get; }

    /// <summary>The <c>LVM_SYSTEM_DIR</c> to give the driver.</summary>
    public string SystemDirectory => _systemDirectory.FullName;

    public LoopDevice Device { get; }

    public IDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["LVM_SYSTEM_DIR"] = SystemDirectory,
        ["LVM_SUPPRESS_FD_WARNINGS"] = "1",
    };

    public static async Task<LvmVolumeGroup> CreateAsync(long bytes = 8L << 30, CancellationToken cancellationToken = default)
    {
        var device = await LoopDevice.CreateAsync(bytes, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("blockstore-lvm-");
        var name = $"bs-test-{Guid.NewGuid():N}"[..20];
        var group = new LvmVolumeGroup(name, directory, device);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "lvm.conf"), $$"""
                global {
                    activation = 0
                }
                devices {
                    filter = [ "a|^{{device.Path}}$|", "r|.*|" ]
                    obtain_device_list_from_udev = 0
                    use_devicesfile = 0
                }
                backup {
                    backup = 0
                    archive = 0
                }
                """, cancellationToken);
            await group.RunAsync("pvcreate", [device.Path], cancellationToken);
            await group.RunAsync("vgcreate", [name, device.Path], cancellationToken);
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    public Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        HarnessCommand.RunAsync(tool, arguments, Environment, cancellationToken);

    /// <summary>
    /// Writes a thin pool into the group's metadata (vgcfgbackup, edit, vgcfgrestore --force), the way lvm2 itself would
    /// record one. lvcreate cannot make a pool without device-mapper, but with this one in place the driver's thin calls
    /// reach lvm2's real thin code and its capacity report reads a real pool. Call it on an empty group.
    /// </summary>
    public async Task AddThinPoolMetadataAsync(string poolName, long bytes, CancellationToken cancellationToken = default)
    {
        var backup = Path.Combine(SystemDirectory, "vg.backup");
        await RunAsync("vgcfgbackup", ["-f", backup, Name], cancellationToken);
        var text = await File.ReadAllTextAsync(backup, cancellationToken);
        var extentSectors = long.Parse(System.Text.RegularExpressions.Regex.Match(text, @"extent_size = (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var extents = bytes / (extentSectors * 512);
        var pool = $$"""

                    {{poolName}} {
                        id = "{{LvmId()}}"
                        status = ["READ", "WRITE", "VISIBLE"]
                        flags = []
                        segment_count = 1
                        segment1 {
                            start_extent = 0
                            extent_count = {{extents}}
                            type = "thin-pool"
                            metadata = "{{poolName}}_tmeta"
                            pool = "{{poolName}}_tdata"
                            transaction_id = 0
                            chunk_size = 128
                            discards = "passdown"
                            zero_new_blocks = 1
                        }
                    }
                    {{poolName}}_tmeta {
                        id = "{{LvmId()}}"
                        status = ["READ", "WRITE"]
                        flags = []
                        segment_count = 1
                        segment1 {
                            start_extent = 0
                            extent_count = 1
                            type = "striped"
                            stripe_count = 1
                            stripes = [ "pv0", 0 ]
                        }
                    }
                    {{poolName}}_tdata {
                        id = "{{LvmId()}}"
                        status = ["READ", "WRITE"]
                        flags = []
                        segment_count = 1
                        segment1 {
                            start_extent = 0
                            extent_count = {{extents}}
                            type = "striped"
                            stripe_count = 1
                            stripes = [ "pv0", 1 ]
                        }
                    }

            """;
        text = text.Contains("logical_volumes {", StringComparison.Ordinal)
            ? text.Replace("logical_volumes {", "logical_volumes {" + pool, StringComparison.Ordinal)
            : text[..text.LastIndexOf('}')] + "\tlogical_volumes {" + pool + "\t}\n}\n";
        await File.WriteAllTextAsync(backup, text, cancellationToken);
        await RunAsync("vgcfgrestore", ["--force", "-f", backup, Name], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("vgremove", ["-f", Name], CancellationToken.None);
            await RunAsync("pvremove", ["-ff", "-y", Device.Path], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Best effort: the loop device and its file go below either way.
        }
        finally
        {
            await Device.DisposeAsync();
            _systemDirectory.Delete(recursive: true);
        }
    }

    // LVM's 32-character id in its 6-4-4-4-4-4-6 layout.
    private static string LvmId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 32);
        return $"{chars[..6]}-{chars[6..10]}-{chars[10..14]}-{chars[14..18]}-{chars[18..22]}-{chars[22..26]}-{chars[26..]}";
    }
}
