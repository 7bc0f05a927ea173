namespace BlockStore.Agent.Drivers;

/// <summary>A driver operation that failed; the message goes to the user as the reply's error.</summary>
public sealed class VolumeDriverException : Exception
{
    public VolumeDriverException()
    {
    }

    public VolumeDriverException(string message)
        : base(message)
    {
    }

    public VolumeDriverException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
