using System.Globalization;
using System.Text.RegularExpressions;
using BlockStore.Testing;
using Xunit.Abstractions;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Tempest's own volume API tests against BlockStore behind a real Keystone, through scripts/tempest/run.sh (the
/// command of docs/conformance.md). The whole of <c>tempest.api.volume</c> takes 10 to 35 minutes here, too long for
/// every landing, so CI runs a subset that touches each area the API offers; the full run is done by hand.
/// </summary>
public sealed partial class TempestTests(ITestOutputHelper output)
{
    /// <summary>
    /// Versions and extensions, availability zones, limits, volumes (show, update, list filters and paging, metadata),
    /// snapshots and their metadata, transfers, types and their access, QoS, quotas, user messages and group types.
    /// </summary>
    public const string Subset =
        @"^tempest\.api\.volume\.(test_versions|test_extensions|test_availability_zone|test_volume_absolute_limits|" +
        @"test_volumes_get|test_volumes_list|test_volume_metadata|test_volumes_snapshots\.|test_snapshot_metadata|" +
        @"test_volume_transfers|admin\.test_volume_types\.|" +
        @"admin\.test_volume_type_access|admin\.test_qos|admin\.test_volume_quotas\.|admin\.test_user_messages|" +
        @"admin\.test_group_types)";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task VolumeApiSubset_BehindKeystone_PassesAsOnCinder()
    {
        var work = Directory.CreateTempSubdirectory("blockstore-tempest-");
        var (exitCode, printed) = await Cli.RunAsync("bash",
        [
            RepositoryPaths.Combine("scripts", "tempest", "run.sh"), "--no-install", "--no-build", "--configuration", Configuration,
            "--work-dir", work.FullName, "--regex", Subset, "--time-limit", "1500",
            "--known-failures", RepositoryPaths.Combine("scripts", "tempest", "known-failures.txt"),
        ], TimeSpan.FromMinutes(30));
        output.WriteLine(printed);

        Assert.True(exitCode == 0, $"scripts/tempest/run.sh exited with {exitCode}; failures in {work.FullName}/failures.txt:{Environment.NewLine}" +
            ReadOrEmpty(Path.Combine(work.FullName, "failures.txt")));
        var listed = Number(Listed().Match(printed).Groups[1]);
        var totals = Totals().Match(printed);
        Assert.True(totals.Success, $"no totals in the output:{Environment.NewLine}{printed}");
        var (passed, failed, skipped) = (Number(totals.Groups[1]), Number(totals.Groups[2]), Number(totals.Groups[3]));
        // Every listed test ran to an end (none cut off by the time limit), none failed, and Tempest skipped only what
        // the configuration disables (images, backups, manage, multiattach and the like), as on Cinder.
        Assert.Equal(0, failed);
        Assert.Equal(listed, passed + skipped);
        Assert.True(passed > 2 * skipped, $"{passed} passed, {skipped} skipped: see {work.FullName}/skips.txt");
        work.Delete(recursive: true);
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    [GeneratedRegex(@"running (\d+) tests matching")]
    private static partial Regex Listed();

    [GeneratedRegex(@"Tempest totals: passed=(\d+) failed=(\d+) skipped=(\d+)")]
    private static partial Regex Totals();
}
