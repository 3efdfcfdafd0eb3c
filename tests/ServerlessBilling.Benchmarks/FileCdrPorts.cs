using ServerlessBilling.Paging;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Benchmarks;

/// <summary>The intake's ports over a local file, with sinks that only count, so the figures are the reading and parsing alone.</summary>
public sealed class FileCdrPorts(string localFile) : ICdrDrops, IRatingQueue, IQuarantine, ICdrCheckpoints, IIngestCounters
{
    public long Events { get; private set; }

    public Task<CdrDrop?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<CdrDrop?>(new CdrDrop(name, Guid.NewGuid().ToString(), new Dictionary<string, string>()));

    public Task<Stream> OpenReadAsync(CdrDrop drop, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

    public Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
    {
        Events += message.Events.Count;
        return Task.CompletedTask;
    }

    public Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QuarantinedRecord>>([]);

    public Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(ListPage<QuarantinedRecord>.Empty);

    public Task RemoveAsync(string source, string reference, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CdrFileManifest?> GetAsync(string file, string etag, CancellationToken cancellationToken) =>
        Task.FromResult<CdrFileManifest?>(null);

    public Task<IReadOnlyList<CdrFileManifest>> ListVersionsAsync(string file, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CdrFileManifest>>([]);

    public Task SaveAsync(CdrFileManifest manifest, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AddAsync(string source, NodaTime.LocalDate day, IngestCounts counts, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> AddOnceAsync(string source, NodaTime.LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    public Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, NodaTime.LocalDate from, NodaTime.LocalDate to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IngestCounter>>([]);
}
