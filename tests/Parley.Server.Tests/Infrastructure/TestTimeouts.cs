namespace Parley.Server.Tests.Infrastructure;

/// <summary>Every wait has a timeout; these are generous so that a busy 2-core machine does not fail a test.</summary>
public static class TestTimeouts
{
    /// <summary>How long a test waits for one payload it is sure will come.</summary>
    public static readonly TimeSpan Payload = TimeSpan.FromSeconds(15);

    /// <summary>How long a whole scenario (hundreds of clients, thousands of messages) may take.</summary>
    public static readonly TimeSpan Scenario = TimeSpan.FromMinutes(2);
}
