namespace BlockStore.Agent.Tests;

/// <summary>Waits for something asynchronous the agent does, failing with what was expected.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {expectation}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string expectation, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), expectation, timeout);
}
