using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Records every log entry so that a test fails when the server logged an error it did not expect
/// (STYLE.md, like MQTTnet's TestEnvironment).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Set by a test that provokes an error on purpose.</summary>
    public bool ErrorsExpected { get; set; }

    /// <summary>Set by a test that provokes one kind of error on purpose: those it matches are expected, any other is not.</summary>
    public Func<LogEntry, bool>? IsExpectedError { get; set; }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AssertNoUnexpectedErrors()
    {
        if (ErrorsExpected)
        {
            return;
        }

        var errors = _entries.Where(e => e.Level >= LogLevel.Error && IsExpectedError?.Invoke(e) != true).ToArray();
        Assert.True(errors.Length == 0, "The server logged unexpected errors:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
