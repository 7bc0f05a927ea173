namespace BlockStore.ControlPlane.Auth;

/// <summary>What Keystone said of a token: its identity, none (invalid, expired, revoked), or that our service token was refused.</summary>
public sealed record KeystoneValidation(KeystoneIdentity? Identity, bool ServiceTokenRejected);
