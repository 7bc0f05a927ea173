using BlockStore.Core.Transfers;

namespace BlockStore.Core.Tests.Transfers;

public sealed class TransferAuthKeysTests
{
    [Fact]
    public void NewKey_Always_IsSixteenHexadecimalCharactersAndNeverRepeats()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => TransferAuthKeys.NewKey()).ToList();

        Assert.All(keys, key => Assert.Matches("^[0-9a-f]{16}$", key));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Matches_TheKeyThatWasHashed_IsTrueAndAnyOtherKeyIsFalse()
    {
        var salt = TransferAuthKeys.NewSalt();
        var key = TransferAuthKeys.NewKey();
        var hash = TransferAuthKeys.Hash(salt, key);

        Assert.True(TransferAuthKeys.Matches(salt, hash, key));
        Assert.False(TransferAuthKeys.Matches(salt, hash, TransferAuthKeys.NewKey()));
        Assert.False(TransferAuthKeys.Matches(salt, hash, key.ToUpperInvariant()));
        Assert.False(TransferAuthKeys.Matches(salt, hash, ""));
    }

    [Fact]
    public void Hash_SameKeyWithAnotherSalt_DiffersAndNeverContainsTheKey()
    {
        var key = TransferAuthKeys.NewKey();

        var first = TransferAuthKeys.Hash(TransferAuthKeys.NewSalt(), key);
        var second = TransferAuthKeys.Hash(TransferAuthKeys.NewSalt(), key);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain(key, first, StringComparison.Ordinal);
    }
}
