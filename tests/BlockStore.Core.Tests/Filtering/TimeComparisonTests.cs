using BlockStore.Core.Errors;
using BlockStore.Core.Filtering;

namespace BlockStore.Core.Tests.Filtering;

public sealed class TimeComparisonTests
{
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_TwoUnits_BothMustHold()
    {
        var comparisons = TimeComparison.Parse("created_at", "gte:2024-05-01T00:00:00,lt:2024-05-02T00:00:00");

        Assert.True(comparisons.All(c => c.Matches(Noon)));
        Assert.False(comparisons.All(c => c.Matches(Noon.AddDays(1))));
    }

    [Theory]
    [InlineData("gt:2024-05-01T12:00:00", false)]
    [InlineData("gte:2024-05-01T12:00:00", true)]
    [InlineData("eq:2024-05-01T12:00:00Z", true)]
    [InlineData("neq:2024-05-01T12:00:00", false)]
    [InlineData("lt:2024-05-01T14:00:00+02:00", false)]
    [InlineData("lte:2024-05-01", false)]
    public void Matches_EachOperator_ComparesAsCinder(string raw, bool expected)
    {
        var comparison = Assert.Single(TimeComparison.Parse("created_at", raw));

        Assert.Equal(expected, comparison.Matches(Noon));
    }

    [Fact]
    public void Matches_NeverUpdated_MatchesNothing()
    {
        var comparison = Assert.Single(TimeComparison.Parse("updated_at", "lt:2030-01-01T00:00:00"));

        Assert.False(comparison.Matches(null));
    }

    [Theory]
    [InlineData("after:2024-05-01T00:00:00", "Invalid after operator")]
    [InlineData("gt:yesterday", "Invalid yesterday value")]
    [InlineData("2024-05-01", "Invalid created_at value")]
    public void Parse_BadUnit_Is400InCindersWords(string raw, string message)
    {
        var error = Assert.Throws<BadRequestException>(() => TimeComparison.Parse("created_at", raw));

        Assert.Equal(message, error.Message);
    }
}
