using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>The raw archive in memory: every payload kept under its own name, as the blob archive's group commit does.</summary>
internal sealed class InMemoryArchive(TimeProvider clock) : IRawArchive
{
    private readonly ConcurrentDictionary<string, (string Source, LocalDate Day, ArchivedPayload Payload)> payloads = new(StringComparer.Ordinal);
    private long archived;

    /// <summary>What was archived, as <c>{source}/{name}</c>, in order.</summary>
    public List<string> Names { get; } = [];

    public Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var day = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;
        var archivedAs = $"raw-archive/{source}/{day:yyyy'/'MM'/'dd}/{Interlocked.Increment(ref archived)}";
        payloads[archivedAs] = (source, day, new ArchivedPayload(archivedAs, name, contentType, content.ToArray()));
        lock (Names)
        {
            Names.Add($"{source}/{name}");
        }

        return Task.FromResult(archivedAs);
    }

    public Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken) =>
        Task.FromResult(payloads.TryGetValue(archivedAs, out var found) ? found.Payload : null);

    public async IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var (_, (s, d, payload)) in payloads)
        {
            if (s == source && d == day)
            {
                yield return payload;
            }
        }
    }
}
