using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Infrastructure;

/// <summary>Keeps every log message of the app under test, at every level (see <see cref="TestAppOptions.Logs"/>).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Message, string Line)> _entries = new();

    /// <summary>The formatted messages.</summary>
    public IReadOnlyCollection<string> Messages => _entries.Select(e => e.Message).ToList();

    /// <summary>Each message with its level, category and exception.</summary>
    public IReadOnlyCollection<string> Lines => _entries.Select(e => e.Line).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(string Message, string Line)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            entries.Enqueue((message, $"{logLevel} {category}: {message} {exception}"));
        }
    }
}
