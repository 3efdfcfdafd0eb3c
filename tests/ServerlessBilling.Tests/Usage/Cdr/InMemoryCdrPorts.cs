using System.Text;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

/// <summary>The intake's ports in memory: a drop container, a rating queue that can be made to fail, quarantine and checkpoints.</summary>
public sealed class InMemoryCdrPorts : ICdrDrops, IRatingQueue, IQuarantine, ICdrCheckpoints
{
    private readonly Dictionary<string, (CdrDrop Drop, byte[] Content)> files = [];
    private readonly Dictionary<(string, string), CdrFileManifest> manifests = [];
    private readonly Dictionary<(string Source, string Reference), QuarantinedRecord> quarantine = [];
    private int etags;

    public List<IReadOnlyList<UsageEvent>> Batches { get; } = [];

    /// <summary>The file lines each queued batch came from, in the order queued.</summary>
    public List<CdrBatch?> BatchLines { get; } = [];

    /// <summary>What is held, by reference (the tests here quarantine from one source at a time).</summary>
    public IReadOnlyDictionary<string, QuarantinedRecord> Quarantined => quarantine.Values.ToDictionary(q => q.Reference);

    public List<CdrFileManifest> Saved { get; } = [];

    /// <summary>When set, the enqueue with this 1-based number throws, as a storage outage mid-file would.</summary>
    public int? FailOnEnqueue { get; set; }

    public int Enqueues { get; private set; }

    /// <summary>The messages queued, whole (the day they carry, their lines).</summary>
    public List<RatingMessage> Messages { get; } = [];

    /// <summary>When set, the checkpoint save with this 1-based number throws, as a crash after a batch was queued and counted
    /// but before its checkpoint was saved would.</summary>
    public int? FailOnSave { get; set; }

    public int Saves { get; private set; }

    /// <summary>Distinct event ids queued: what the insert-if-absent usage ledger ends up holding.</summary>
    public IReadOnlySet<string> Ledger => Batches.SelectMany(b => b).Select(e => e.EventId).ToHashSet();

    public InMemoryIngestCounters Counters { get; } = new();

    /// <summary>Where an intake made with <c>savedWindows</c> saves its windows; <see cref="Batches"/> holds the events a message names.</summary>
    public InMemoryCdrWindows Windows { get; } = new();

    public CdrFileIntake Intake(IClock? clock = null, int linesPerMessage = CdrFileIntake.DefaultLinesPerMessage, bool savedWindows = false) =>
        new(this, this, this, this, Counters, clock ?? new FakeClock(Instant.FromUtc(2026, 11, 25, 12, 0)), PhoneRegion.Default, linesPerMessage,
            savedWindows ? Windows : null);

    public void Drop(string name, string text, IReadOnlyDictionary<string, string>? metadata = null) => Drop(name, Encoding.UTF8.GetBytes(text), metadata);

    public void Drop(string name, byte[] content, IReadOnlyDictionary<string, string>? metadata = null) =>
        files[name] = (new CdrDrop(name, $"\"0x{++etags:X}\"", metadata ?? new Dictionary<string, string>()), content);

    public Task<CdrDrop?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(files.TryGetValue(name, out var file) ? file.Drop : null);

    public Task<Stream> OpenReadAsync(CdrDrop drop, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new MemoryStream(files[drop.Name].Content, writable: false));

    public Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
    {
        if (++Enqueues == FailOnEnqueue)
        {
            throw new IOException("rating queue unavailable");
        }

        Batches.Add(message.Window is { } window ? Windows.ReadAsync(window, cancellationToken).ToListAsync(cancellationToken).AsTask().Result : message.Events);
        BatchLines.Add(message.Batch);
        Messages.Add(message);
        return Task.CompletedTask;
    }

    public Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        quarantine[(record.Source, record.Reference)] = record;
        return Task.CompletedTask;
    }

    /// <summary>The number of records in each write of several, in order.</summary>
    public List<int> QuarantineWrites { get; } = [];

    /// <summary>When set, the write of several with this 1-based number throws before storing anything, as a storage outage would.</summary>
    public int? FailOnQuarantineWrite { get; set; }

    public Task PutAllAsync(IReadOnlyList<QuarantinedRecord> records, CancellationToken cancellationToken)
    {
        if (QuarantineWrites.Count + 1 == FailOnQuarantineWrite)
        {
            FailOnQuarantineWrite = null;
            throw new IOException("quarantine unavailable");
        }

        QuarantineWrites.Add(records.Count);
        foreach (var record in records)
        {
            quarantine[(record.Source, record.Reference)] = record;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QuarantinedRecord>>(
            quarantine.Values.Where(q => q.Source == source).OrderBy(q => q.Reference, StringComparer.Ordinal).ToList());

    public Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(Quarantined.Values.Where(q => q.Source == source), q => q.Reference, page);

    public Task RemoveAsync(string source, string reference, CancellationToken cancellationToken)
    {
        quarantine.Remove((source, reference));
        return Task.CompletedTask;
    }

    public Task<CdrFileManifest?> GetAsync(string file, string etag, CancellationToken cancellationToken) =>
        Task.FromResult(manifests.GetValueOrDefault((file, etag)));

    public Task<IReadOnlyList<CdrFileManifest>> ListVersionsAsync(string file, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CdrFileManifest>>(manifests.Values.Where(m => m.File == file).OrderByDescending(m => m.StartedAt).ToList());

    public Task SaveAsync(CdrFileManifest manifest, CancellationToken cancellationToken)
    {
        if (++Saves == FailOnSave)
        {
            throw new IOException("checkpoint store unavailable");
        }

        manifests[(manifest.File, manifest.ETag)] = manifest;
        Saved.Add(manifest);
        return Task.CompletedTask;
    }
}
