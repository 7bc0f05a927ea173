using BlockStore.Core.Errors;
using BlockStore.Core.Filtering;

namespace BlockStore.Core.Tests.Filtering;

public sealed class ResourceFiltersTests
{
    [Fact]
    public void Reject_NonAdminUnknownFilters_Is400NamingThem()
    {
        var error = Assert.Throws<BadRequestException>(() =>
            ResourceFilters.Reject("volume", ["name", "host", "project_id"], isAdmin: false, likeFilters: true));

        Assert.Equal("Invalid filters host,project_id are found in query options.", error.Message);
    }

    /// <summary>Cinder Zed's resource_filters.json enables consumes_quota (3.65) on volumes and snapshots.</summary>
    [Theory]
    [InlineData("volume")]
    [InlineData("snapshot")]
    public void Reject_ConsumesQuotaFromANonAdmin_IsAFilterOfVolumesAndSnapshots(string resource) =>
        ResourceFilters.Reject(resource, ["consumes_quota"], isAdmin: false, likeFilters: true);

    [Fact]
    public void Reject_AllTenantsFromANonAdmin_IsIgnoredNotRefused()
    {
        ResourceFilters.Reject("volume", ["all_tenants", "status"], isAdmin: false, likeFilters: false);
    }

    [Fact]
    public void Reject_Admin_MayUseAnyFilterExceptOnPools()
    {
        ResourceFilters.Reject("volume", ["host"], isAdmin: true, likeFilters: false);

        Assert.Throws<BadRequestException>(() => ResourceFilters.Reject("pool", ["host"], isAdmin: true, likeFilters: false));
    }

    [Fact]
    public void Reject_LikeFilter_ValidOnlyOnceLikeFiltersExist()
    {
        ResourceFilters.Reject("snapshot", ["name~"], isAdmin: false, likeFilters: true);

        Assert.Throws<BadRequestException>(() => ResourceFilters.Reject("snapshot", ["name~"], isAdmin: false, likeFilters: false));
    }

    [Theory]
    [InlineData("alpha-one", "ALPHA", true)]
    [InlineData("beta", "alpha", false)]
    [InlineData(null, "alpha", false)]
    public void IsLike_ContainsIgnoringCase(string? value, string fragment, bool expected) =>
        Assert.Equal(expected, ResourceFilters.IsLike(value, fragment));
}
