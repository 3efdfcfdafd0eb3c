using System.Text;
using NodaTime;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The raw archive in table rows, over Azurite: the port's contract, payloads split over several columns, and payloads
/// written to blobs before the table store read and list beside the rows.</summary>
[Collection(AzuriteCollection.Name)]
public class TableRawArchiveContractTests(AzuriteFixture azurite) : RawArchiveContract
{
    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);
    private BlobRawArchive earlier = null!;

    // Groups of at most 8 written at once, so the 64 concurrent payloads span several transactions.
    protected override async Task<IRawArchive> CreateAsync()
    {
        earlier = await blobs.ReadyAsync(new BlobRawArchive(blobs, Clock, maxPayloadsPerGroup: 1));
        return await tables.ReadyAsync<IRawArchive>(new TableRawArchive(tables, earlier, Clock, maxPayloadsPerGroup: 8));
    }

    protected override async Task CleanUpAsync()
    {
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }

    [Fact]
    public async Task ArchiveAsync_PayloadsOverOneColumnAtOnce_ReadBackByteForByte()
    {
        // 512 KiB is the largest body a webhook route takes: eight full columns; the others end mid-column.
        int[] sizes = [TableRawArchive.MaxChunkBytes, TableRawArchive.MaxChunkBytes + 1, 200_001, 512 * 1024];
        var contents = sizes.Select((size, i) => Enumerable.Range(0, size).Select(b => (byte)((b * 31) + i)).ToArray()).ToList();

        var names = await Task.WhenAll(contents.Select((content, i) => Port.ArchiveAsync("events", $"big-{i}.json", content, "application/json", default)));

        for (var i = 0; i < names.Length; i++)
        {
            var read = (await Port.ReadAsync(names[i], default)).ShouldNotBeNull();
            (read.Name, read.Content.Length).ShouldBe(($"big-{i}.json", sizes[i]));
            read.Content.ToArray().ShouldBe(contents[i]);
        }
    }

    [Fact]
    public async Task ArchiveAsync_OverTheLargestPayload_IsRefusedAndStoresNothing()
    {
        var tooLarge = new byte[TableRawArchive.MaxPayloadBytes + 1];

        await Should.ThrowAsync<ArgumentException>(() => Port.ArchiveAsync("events", "huge.json", tooLarge, "application/json", default));

        (await ListedAsync(Port, "events", new LocalDate(2026, 3, 31))).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAndList_PayloadArchivedInBlobsBefore_ReadAndListBesideTableRows()
    {
        var inBlobs = await earlier.ArchiveAsync("retell", "old.json", Encoding.UTF8.GetBytes("{\"old\":1}"), "application/json", default);
        var inTables = await Port.ArchiveAsync("retell", "new.json", Encoding.UTF8.GetBytes("{\"new\":2}"), "application/json", default);

        // The scratch storage suffixes the container's and the table's names.
        (inBlobs.StartsWith(StorageNames.RawArchiveContainer + "-", StringComparison.Ordinal), inBlobs.Contains("/retell/2026/03/31/", StringComparison.Ordinal)).ShouldBe((true, true));
        (inTables.StartsWith(StorageNames.RawPayloadsTable + "x", StringComparison.Ordinal), inTables.Contains("/retell/2026/03/31/", StringComparison.Ordinal)).ShouldBe((true, true));
        (await Port.ReadAsync(inBlobs, default)).ShouldNotBeNull().Name.ShouldBe("old.json");
        (await ListedAsync(Port, "retell", new LocalDate(2026, 3, 31))).Select(p => (p.ArchivedAs, p.Name, Encoding.UTF8.GetString(p.Content.Span)))
            .ShouldBe([(inBlobs, "old.json", "{\"old\":1}"), (inTables, "new.json", "{\"new\":2}")], ignoreOrder: true);
    }

    private static async Task<List<ArchivedPayload>> ListedAsync(IRawArchive archive, string source, LocalDate day)
    {
        var listed = new List<ArchivedPayload>();
        await foreach (var payload in archive.ListAsync(source, day, default))
        {
            listed.Add(payload);
        }

        return listed;
    }
}
