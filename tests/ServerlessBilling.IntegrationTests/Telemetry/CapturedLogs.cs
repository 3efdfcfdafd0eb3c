using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>A logger provider that keeps every record the host writes, as its message, its fields and its exception, for tests
/// that look for what must never be logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> records = new();

    public IReadOnlyList<string> Records => [.. records];

    public ILogger CreateLogger(string categoryName) => new Capture(categoryName, records);

    public void Dispose()
    {
    }

    private sealed class Capture(string category, ConcurrentQueue<string> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            records.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {fields} | {exception}");
        }
    }
}
