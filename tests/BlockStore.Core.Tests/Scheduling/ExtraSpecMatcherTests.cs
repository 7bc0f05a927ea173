using BlockStore.Core.Scheduling;

namespace BlockStore.Core.Tests.Scheduling;

/// <summary>Cinder's extra_specs_ops table: every operator with a value that meets it and one that does not.</summary>
public sealed class ExtraSpecMatcherTests
{
    [Theory]
    [InlineData("iSCSI", "iSCSI", true)]
    [InlineData("iSCSI", "iscsi", false)]
    [InlineData("1", "1.0", false)]
    public void Matches_NoOperator_IsExactStringEquality(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("True", "<is> True", true)]
    [InlineData("true", "<is> True", true)]
    [InlineData("TRUE", "<is> true", true)]
    [InlineData("yes", "<is> True", true)]
    [InlineData("1", "<is> True", true)]
    [InlineData("False", "<is> True", false)]
    [InlineData("False", "<is> False", true)]
    [InlineData("anything else", "<is> False", true)]
    [InlineData("True", "<is> False", false)]
    public void Matches_IsOperator_ComparesBooleansCaseInsensitively(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("iSCSI,FC", "<in> FC", true)]
    [InlineData("nvmeof", "<in> nvme", true)]
    [InlineData("iSCSI", "<in> FC", false)]
    [InlineData("fc", "<in> FC", false)]
    public void Matches_InOperator_IsCaseSensitiveSubstring(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("iSCSI", "<or> iSCSI <or> FC", true)]
    [InlineData("FC", "<or> iSCSI <or> FC", true)]
    [InlineData("RBD", "<or> iSCSI <or> FC <or> NVMe", false)]
    [InlineData("NVMe", "<or> iSCSI <or> FC <or> NVMe", true)]
    [InlineData("<or>", "<or> iSCSI <or> FC", false)]
    [InlineData("iSCSI", "<or>", false)]
    public void Matches_OrOperator_PassesOnAnyExactChoice(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("100", "= 50", true)]
    [InlineData("50", "= 50", true)]
    [InlineData("49.9", "= 50", false)]
    public void Matches_SingleEquals_MeansAtLeast(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("10", "== 10.0", true)]
    [InlineData("11", "== 10", false)]
    [InlineData("11", "!= 10", true)]
    [InlineData("10", "!= 10", false)]
    [InlineData("10", ">= 10", true)]
    [InlineData("9", ">= 10", false)]
    [InlineData("10", "<= 10", true)]
    [InlineData("11", "<= 10", false)]
    [InlineData("1e3", ">= 999", true)]
    public void Matches_NumericOperators_CompareAsNumbers(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("fast", ">= 10")]
    [InlineData("10", ">= fast")]
    [InlineData("fast", "== fast")]
    public void Matches_NumericOperatorOnText_FailsInsteadOfThrowing(string value, string requirement)
    {
        Assert.False(ExtraSpecMatcher.Matches(value, requirement));
    }

    [Theory]
    [InlineData("gold", "s== gold", true)]
    [InlineData("Gold", "s== gold", false)]
    [InlineData("gold", "s!= silver", true)]
    [InlineData("gold", "s!= gold", false)]
    [InlineData("abc", "s< abd", true)]
    [InlineData("abd", "s< abc", false)]
    [InlineData("10", "s< 9", true)]
    [InlineData("abc", "s<= abc", true)]
    [InlineData("abd", "s<= abc", false)]
    [InlineData("b", "s> a", true)]
    [InlineData("a", "s> b", false)]
    [InlineData("b", "s>= b", true)]
    [InlineData("a", "s>= b", false)]
    [InlineData("Z", "s< a", true)]
    public void Matches_StringOperators_CompareOrdinally(string value, string requirement, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.Matches(value, requirement));
    }

    [Fact]
    public void Matches_OperatorWithSeveralWords_UsesOnlyTheFirstAsCinderDoes()
    {
        Assert.True(ExtraSpecMatcher.Matches("gold", "s== gold plated"));
    }

    [Theory]
    [InlineData("<is> True")]
    [InlineData(">= 1")]
    [InlineData("plain")]
    public void Matches_CapabilityNotReported_Fails(string requirement)
    {
        Assert.False(ExtraSpecMatcher.Matches(null, requirement));
    }

    [Fact]
    public void Matches_NullRequirement_MatchesOnlyAnAbsentValue()
    {
        Assert.True(ExtraSpecMatcher.Matches(null, null));
        Assert.False(ExtraSpecMatcher.Matches("x", null));
    }

    [Theory]
    [InlineData(" on ", true)]
    [InlineData("Y", true)]
    [InlineData("t", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsTrue_BoolFromString_ReadsCindersTrueWords(string? value, bool expected)
    {
        Assert.Equal(expected, ExtraSpecMatcher.IsTrue(value));
    }
}
