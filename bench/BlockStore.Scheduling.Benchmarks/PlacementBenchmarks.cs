using BenchmarkDotNet.Attributes;
using BlockStore.Core.Scheduling;

namespace BlockStore.Scheduling.Benchmarks;

/// <summary>
/// One placement among 10 to 10,000 pools of a realistic mix: three zones, thin and thick pools, a few that report
/// unknown capacity, a few stale, protocols and multiattach reported as capabilities.
/// </summary>
// Not sealed: BenchmarkDotNet derives from the class it runs.
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["az1", "az2", "az3"];
    private static readonly string[] Drivers = ["lvm", "rbd", "nfs"];
    private static readonly string[] Protocols = ["iSCSI", "FC", "ceph", "nfs"];

    private readonly FilterScheduler scheduler = FilterScheduler.CreateDefault();
    private PoolStats[] pools = [];
    private PlacementRequest plain = null!;
    private PlacementRequest typed = null!;

    [Params(10, 1_000, 10_000)]
    public int PoolCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        pools = new PoolStats[PoolCount];
        for (var i = 0; i < PoolCount; i++)
        {
            var driver = Drivers[i % Drivers.Length];
            var backendHost = $"node{i / 4}@{driver}";
            var poolName = $"pool{i % 4}";
            var thin = driver != "lvm" || random.NextDouble() < 0.3;
            var unknown = random.NextDouble() < 0.05;
            var total = 1_000 + random.Next(0, 50_000);
            var allocated = random.NextDouble() * total * (thin ? 3 : 0.9);
            pools[i] = new PoolStats
            {
                Name = $"{backendHost}#{poolName}",
                BackendHost = backendHost,
                PoolName = poolName,
                AvailabilityZone = Zones[random.Next(Zones.Length)],
                TotalCapacityGib = unknown ? null : total,
                FreeCapacityGib = unknown ? null : Math.Max(0, total - (thin ? allocated / 4 : allocated)),
                AllocatedCapacityGib = allocated,
                ProvisionedCapacityGib = thin ? allocated : null,
                ReservedPercentage = random.Next(0, 3) * 5,
                ThinProvisioningSupport = thin,
                ThickProvisioningSupport = !thin || driver == "lvm",
                MaxOverSubscriptionRatio = thin ? 20.0 : 1.0,
                VolumeBackendName = driver,
                TotalVolumes = random.Next(0, 500),
                Capabilities = new Dictionary<string, string>
                {
                    ["storage_protocol"] = Protocols[random.Next(Protocols.Length)],
                    ["multiattach"] = random.NextDouble() < 0.5 ? "True" : "False",
                    ["vendor_name"] = "BlockStore",
                },
                ReportedAt = random.NextDouble() < 0.02 ? Now.AddHours(-1) : Now.AddSeconds(-random.Next(0, 60)),
            };
        }

        // What the control plane asks today: a size, a zone, the backends already tried, fresh reports only.
        plain = new PlacementRequest
        {
            SizeGib = 100,
            AvailabilityZone = "az2",
            ExcludedBackends = new HashSet<string>(StringComparer.Ordinal) { "node0@lvm" },
            ReportedAfter = Now.AddMinutes(-5),
        };

        // A volume type with extra specs: thin, iSCSI or FC, multiattach, plus a QoS key the filters skip.
        typed = plain with
        {
            ExtraSpecs = new Dictionary<string, string>
            {
                ["provisioning:type"] = "thin",
                ["capabilities:storage_protocol"] = "<or> iSCSI <or> FC",
                ["multiattach"] = "<is> True",
                ["qos:maxIOPS"] = "5000",
            },
        };

        if (scheduler.Place(pools, typed).Pool is null && PoolCount >= 1_000)
        {
            throw new InvalidOperationException("The benchmark data should have a pool for the typed request.");
        }
    }

    [Benchmark(Baseline = true)]
    public PoolStats? PlaceSizeAndZone() => scheduler.Place(pools, plain).Pool;

    [Benchmark]
    public PoolStats? PlaceWithVolumeTypeExtraSpecs() => scheduler.Place(pools, typed).Pool;
}
