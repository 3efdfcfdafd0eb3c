using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Tests.Cycles;

/// <summary>Accounts in memory, listed in id order a page at a time (the token is the next index).</summary>
public sealed class InMemoryAccounts(params Account[] accounts) : IAccountDirectory
{
    private readonly List<Account> all = [.. accounts.OrderBy(a => a.Id, StringComparer.Ordinal)];

    public Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(all.FirstOrDefault(a => a.Id == accountId));

    public Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var from = continuationToken is null ? 0 : int.Parse(continuationToken, null);
        var next = from + pageSize < all.Count ? (from + pageSize).ToString(null, null) : null;
        return Task.FromResult(new AccountPage([.. all.Skip(from).Take(pageSize)], next));
    }

    public Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken) => Task.FromResult<Account?>(null);

    public Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NumberAssignment>>([]);

    public Task SetAsync(Account account, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>The cycle ledger as a set of (account, period).</summary>
public sealed class InMemoryCycleLedger : ICycleLedger
{
    private readonly ConcurrentDictionary<(string, string), Instant> started = new();

    public Task<bool> TryRecordStartAsync(CycleRequest request, Instant startedAt, CancellationToken cancellationToken) =>
        Task.FromResult(started.TryAdd((request.AccountId, request.PeriodStart), startedAt));

    public Task<bool> HasStartedAsync(CycleRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(started.ContainsKey((request.AccountId, request.PeriodStart)));
}

/// <summary>The engine's view: which instance ids exist, and the most starts ever in flight at once.</summary>
public sealed class RecordingOrchestrations(TimeSpan delay = default) : ICycleOrchestrations
{
    private readonly ConcurrentDictionary<string, CycleRequest> instances = new();
    private int inFlight;

    public int MostInFlight { get; private set; }

    public IReadOnlyCollection<string> InstanceIds => [.. instances.Keys];

    public async Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (instances)
        {
            MostInFlight = Math.Max(MostInFlight, now);
        }

        await Task.Delay(delay, cancellationToken);
        Interlocked.Decrement(ref inFlight);
        return instances.TryAdd(request.InstanceId, request);
    }
}
