using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Tests.Http;

/// <summary>Which project-less paths reach which project-scoped route: the same answer in both hosts.</summary>
public sealed class ProjectlessUrlsTests
{
    [Theory]
    [InlineData("GET", "volumes", "VolumesList")]
    [InlineData("GET", "volumes/detail", "VolumesDetail")]
    [InlineData("GET", "volumes/summary", "VolumesSummary")]
    [InlineData("GET", "volumes/5f1c0d7e-0000-4000-8000-000000000001", "VolumesShow")]
    [InlineData("POST", "volumes/5f1c0d7e-0000-4000-8000-000000000001/action", "VolumesAction")]
    [InlineData("PUT", "volumes/5f1c0d7e-0000-4000-8000-000000000001/metadata/key", "VolumeMetadataUpdate")]
    [InlineData("POST", "groups/action", "GroupsCreateFromSource")]
    [InlineData("GET", "os-quota-sets/0123456789abcdef/defaults", "QuotaSetsDefaults")]
    [InlineData("PUT", "os-services/disable", "ServicesUpdate")]
    [InlineData("GET", "scheduler-stats/get_pools", "PoolsList")]
    public void Match_ProjectlessPath_ReachesTheProjectScopedRoute(string method, string rest, string expected)
    {
        var match = ProjectlessUrls.Match(method, rest);

        Assert.NotNull(match);
        Assert.Equal(expected, match.Value.Route.Name);
        Assert.Equal(ProjectlessUrls.Placeholder, match.Value.Values["project_id"]);
    }

    [Theory]
    [InlineData("DELETE", "volumes")]
    [InlineData("GET", "no-such-collection")]
    [InlineData("GET", "default-types")]
    [InlineData("GET", "0123456789abcdef/volumes")]
    [InlineData("GET", "")]
    public void Match_PathNoProjectScopedRouteServes_IsNull(string method, string rest)
    {
        Assert.Null(ProjectlessUrls.Match(method, rest));
    }

    [Theory]
    [InlineData("/v3/volumes/detail", "/v3/~/volumes/detail")]
    [InlineData("/v3/os-volume-transfer/abc/accept", "/v3/~/os-volume-transfer/abc/accept")]
    [InlineData("/v3/volumes/", "/v3/~/volumes/")]
    public void TryRewrite_CollectionPath_GetsThePlaceholderProject(string path, string expected)
    {
        Assert.True(ProjectlessUrls.TryRewrite(new PathString(path), out var rewritten));
        Assert.Equal(expected, rewritten.Value);
    }

    [Theory]
    [InlineData("/v3/0123456789abcdef/volumes")]
    [InlineData("/v3/default-types/0123456789abcdef")]
    [InlineData("/v3")]
    [InlineData("/")]
    [InlineData("/agent/v1/replies")]
    [InlineData("/v3/~/volumes")]
    public void TryRewrite_ProjectUrlsAndRoutesWithoutProject_AreLeftAlone(string path)
    {
        Assert.False(ProjectlessUrls.TryRewrite(new PathString(path), out _));
    }

    [Fact]
    public void Collections_NoneCouldBeAProjectId()
    {
        Assert.NotEmpty(ProjectlessUrls.Collections);
        Assert.All(ProjectlessUrls.Collections, collection => Assert.DoesNotMatch("^[0-9a-f-]{1,64}$", collection));
    }
}
