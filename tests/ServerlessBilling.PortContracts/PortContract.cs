namespace ServerlessBilling.PortContracts;

/// <summary>The base of every port contract: a fresh port for each test, and whatever it stored cleaned up after.</summary>
/// <typeparam name="TPort">The domain port whose promises the test class states.</typeparam>
public abstract class PortContract<TPort> : IAsyncLifetime
    where TPort : class
{
    private TPort? port;

    /// <summary>The port under test, new for each test.</summary>
    protected TPort Port => port ?? throw new InvalidOperationException("The port is created before each test.");

    public async Task InitializeAsync() => port = await CreateAsync();

    public Task DisposeAsync() => CleanUpAsync();

    /// <summary>A port over empty storage.</summary>
    protected abstract Task<TPort> CreateAsync();

    /// <summary>Removes what the test stored (tables, containers); nothing to do for an in-memory fake.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    /// <summary>Runs <paramref name="count"/> calls at once, as concurrent deliveries or retried steps would.</summary>
    protected static Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => call(i))));
}
