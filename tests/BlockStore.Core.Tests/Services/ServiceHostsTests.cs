using BlockStore.Core.Services;

namespace BlockStore.Core.Tests.Services;

public sealed class ServiceHostsTests
{
    [Theory]
    [InlineData("node1@file", "node1@file", true)]
    [InlineData("node1@file", "node1", true)]
    [InlineData("node1@file#file", "node1@file", true)]
    [InlineData("node1@file#file", "node1", true)]
    [InlineData("node1@file#file", "node1@file#file", true)]
    [InlineData("node1@file", "node1@file#file", false)]
    [InlineData("node10@file", "node1", false)]
    [InlineData("node1@files", "node1@file", false)]
    [InlineData("node1@file", "NODE1@file", false)]
    public void Matches_CindersHostLevels(string candidate, string value, bool expected)
    {
        Assert.Equal(expected, ServiceHosts.Matches(candidate, value));
    }
}
