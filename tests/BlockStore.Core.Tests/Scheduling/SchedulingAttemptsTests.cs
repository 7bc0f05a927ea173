using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class SchedulingAttemptsTests
{
    [Fact]
    public void Start_Default_AllowsThreeAttempts()
    {
        var attempts = SchedulingAttempts.Start();

        Assert.Equal(3, attempts.MaxAttempts);
        Assert.True(attempts.CanAttempt);
    }

    [Fact]
    public void AfterFailureOn_ThreeDriverFailures_NoFourthAttempt()
    {
        var attempts = SchedulingAttempts.Start().AfterFailureOn("h1@lvm").AfterFailureOn("h2@lvm");
        Assert.True(attempts.CanAttempt);

        attempts = attempts.AfterFailureOn("h3@lvm");

        Assert.False(attempts.CanAttempt);
        Assert.Throws<InvalidOperationException>(() => attempts.AfterFailureOn("h4@lvm"));
    }

    [Fact]
    public void Apply_AfterFailures_ExcludesEveryBackendTried()
    {
        var attempts = SchedulingAttempts.Start().AfterFailureOn("h1@lvm").AfterFailureOn("h2@lvm");

        var request = attempts.Apply(Request(10) with { ExcludedBackends = Set("h0@lvm") });

        Assert.Equal(Set("h0@lvm", "h1@lvm", "h2@lvm"), request.ExcludedBackends.ToHashSet());
    }

    [Fact]
    public void Apply_RescheduleLoop_PlacesOnEachRemainingBackendThenFails()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 90), Pool("h2@lvm", freeGib: 60), Pool("h3@lvm", freeGib: 30), Pool("h4@lvm", freeGib: 10)];
        var scheduler = FilterScheduler.CreateDefault();
        var attempts = SchedulingAttempts.Start();
        var tried = new List<string>();

        while (attempts.CanAttempt)
        {
            var placed = scheduler.Place(pools, attempts.Apply(Request(5))).Pool!;
            tried.Add(placed.BackendHost);
            attempts = attempts.AfterFailureOn(placed.BackendHost, "driver failed");
        }

        Assert.Equal(["h1@lvm", "h2@lvm", "h3@lvm"], tried);
        Assert.StartsWith("No valid backend was found. Exceeded max scheduling attempts 3 for resource vol-1", attempts.ExhaustedReason("vol-1"), StringComparison.Ordinal);
        Assert.Contains("driver failed", attempts.ExhaustedReason("vol-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ZeroAttempts_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingAttempts.Start(0));
    }
}
