namespace Parley.Cluster;

/// <summary>The backplane could not answer (its engine is unreachable): nothing was done.</summary>
public sealed class BackplaneUnavailableException : Exception
{
    public BackplaneUnavailableException()
    {
    }

    public BackplaneUnavailableException(string message)
        : base(message)
    {
    }

    public BackplaneUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
