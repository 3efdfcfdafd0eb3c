using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage;

/// <summary>Keeps every increment, so tests can check both the totals and how many writes produced them; like the table,
/// an empty add stores nothing, concurrent adds are all kept, and a delivery added once is counted once per source and day.</summary>
public sealed class InMemoryIngestCounters : IIngestCounters
{
    private readonly HashSet<(string Source, LocalDate Day, string Delivery)> counted = [];

    public List<IngestCounter> Increments { get; } = [];

    /// <summary>Everything added for <paramref name="source"/>, on any day.</summary>
    public IngestCounts Of(string source) =>
        Increments.Where(i => i.Source == source).Aggregate(IngestCounts.None, (sum, i) => sum.Plus(i.Counts));

    public Task AddAsync(string source, LocalDate day, IngestCounts counts, CancellationToken cancellationToken)
    {
        if (!counts.IsNone)
        {
            lock (Increments)
            {
                Increments.Add(new IngestCounter(source, day, counts));
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> AddOnceAsync(string source, LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken)
    {
        if (counts.IsNone)
        {
            return Task.FromResult(false);
        }

        lock (Increments)
        {
            if (!counted.Add((source, day, delivery)))
            {
                return Task.FromResult(false);
            }

            Increments.Add(new IngestCounter(source, day, counts));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        lock (Increments)
        {
            return Task.FromResult<IReadOnlyList<IngestCounter>>(
                Increments.Where(i => (source is null || i.Source == source) && i.Day >= from && i.Day <= to).ToList());
        }
    }
}
