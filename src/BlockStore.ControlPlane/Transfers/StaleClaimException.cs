using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>
/// The claim an accept was working on is gone (the transfer was deleted or re-claimed) or its volume changed; the
/// accept undoes its own destination charge and answers with <see cref="Answer"/>.
/// </summary>
public sealed class StaleClaimException(BlockStoreException answer) : Exception(answer?.Message, answer)
{
    public BlockStoreException Answer { get; } = answer!;
}
