namespace BlockStore.Core.Services;

/// <summary>The actions of <c>PUT /os-services/{action}</c> that BlockStore carries out.</summary>
public enum ServiceAction
{
    Enable,
    Disable,
    DisableLogReason,
    Freeze,
    Thaw,
}
