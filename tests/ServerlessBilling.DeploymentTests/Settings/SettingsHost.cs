using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessBilling.DeploymentTests.Settings;

/// <summary>The product's services over the given settings, started as far as the hosts' start-up check, with its warnings kept.</summary>
public sealed class SettingsHost : IDisposable
{
    private readonly ServiceProvider provider;

    public SettingsHost(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BillingStorage"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(Logs);
        services.AddServerlessBilling(configuration);
        provider = services.BuildServiceProvider();
    }

    public WarningLogs Logs { get; } = new();

    /// <summary>What the Functions host and the local host run before they serve anything.</summary>
    public void Start() => provider.GetRequiredService<IStartupValidator>().Validate();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    /// <summary>Every message of the start-up failure, inner ones included.</summary>
    public string StartFailure()
    {
        var failure = Should.Throw<Exception>(Start);
        return string.Join(" | ", Messages(failure));

        static IEnumerable<string> Messages(Exception? e) => e switch
        {
            null => [],
            AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Messages),
            _ => [e.Message, .. Messages(e.InnerException)],
        };
    }

    public void Dispose() => provider.Dispose();

    /// <summary>Keeps the warnings logged, as text.</summary>
    public sealed class WarningLogs : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<string> warnings = new();

        public IReadOnlyCollection<string> Warnings => warnings;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                warnings.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
