namespace BlockStore.Infra.Tests;

/// <summary>What one run of the Bicep CLI did.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
}
