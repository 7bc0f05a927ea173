using System.Text.RegularExpressions;
using BlockStore.Core.Agents;

namespace BlockStore.Core.Tests.Agents;

public sealed partial class AgentQueuesTests
{
    // Azure Storage queue names: lowercase letters, digits and single hyphens, starting and ending with a letter or digit.
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex ValidQueueName();

    [Theory]
    [InlineData("host1@lvm")]
    [InlineData("a@b")]
    [InlineData("a-b")]
    [InlineData("@")]
    [InlineData("-")]
    [InlineData("x")]
    [InlineData("Compute-01.Example.COM@ceph-RBD")]
    [InlineData("host--with---hyphens@backend-")]
    [InlineData("höst@bäckend")]
    [InlineData("host_1@lvm#pool")]
    [InlineData("a-very-long-host-name-that-goes-on-and-on.datacenter.example.com@a-very-long-backend-name")]
    [InlineData("--------------------------------------------------------------------------------x")]
    public void ForBackendHost_AnyHost_IsAValidAzureQueueName(string backendHost)
    {
        var name = AgentQueues.ForBackendHost(backendHost);

        Assert.InRange(name.Length, 3, 63);
        Assert.Matches(ValidQueueName(), name);
    }

    [Fact]
    public void ForBackendHost_SameHostTwice_GivesTheSameName()
    {
        Assert.Equal(AgentQueues.ForBackendHost("host1@lvm"), AgentQueues.ForBackendHost("host1@lvm"));
    }

    [Theory]
    [InlineData("a@b", "a-b")]
    [InlineData("host@LVM", "host@lvm")]
    [InlineData("host.1@lvm", "host-1@lvm")]
    public void ForBackendHost_HostsDifferingOnlyInPunctuationOrCase_GetDifferentQueues(string first, string second)
    {
        Assert.NotEqual(AgentQueues.ForBackendHost(first), AgentQueues.ForBackendHost(second));
    }

    [Fact]
    public void ForBackendHost_Host_KeepsAReadableHostPrefix()
    {
        Assert.StartsWith("bs-cmd-host1-lvm-", AgentQueues.ForBackendHost("host1@lvm"), StringComparison.Ordinal);
    }
}
