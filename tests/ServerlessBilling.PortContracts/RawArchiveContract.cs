using System.Text;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>The raw archive: a payload reads back byte for byte with its name and type from what archiving it returned, however
/// many arrive at once; a redelivery is a second copy; a listing keeps to its source and its UTC day; a name never handed out reads as nothing.</summary>
public abstract class RawArchiveContract : PortContract<IRawArchive>
{
    /// <summary>One minute before midnight UTC, so the archive's day is 2026-03-31.</summary>
    protected static TimeProvider Clock { get; } = new FixedClock(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero));

    private static readonly LocalDate Day = new(2026, 3, 31);

    [Fact]
    public async Task ReadAsync_WhatArchiveReturned_IsTheBytesNameAndTypeExactly()
    {
        // Newlines, a header look-alike and bytes that are not UTF-8: the archive keeps bytes, not text.
        byte[] content = [.. Encoding.UTF8.GetBytes("{\"name\":\"x\",\"length\":3}\n\nline\r\n"), 0xFF, 0x00, 0xC3];

        var archivedAs = await Port.ArchiveAsync("retell", "call_1-ab12.json", content, "application/json", default);
        var read = (await Port.ReadAsync(archivedAs, default)).ShouldNotBeNull();

        (read.ArchivedAs, read.Name, read.ContentType).ShouldBe((archivedAs, "call_1-ab12.json", "application/json"));
        read.Content.ToArray().ShouldBe(content);
    }

    [Fact]
    public async Task ArchiveAsync_ManyAtOnce_EachReadsBackItsOwn()
    {
        var names = await AllAtOnceAsync(64, i => Port.ArchiveAsync("events", $"e-{i}.json", Body(i), "application/json", default));

        names.Distinct().Count().ShouldBe(64);
        for (var i = 0; i < names.Length; i++)
        {
            var read = (await Port.ReadAsync(names[i], default)).ShouldNotBeNull();
            (read.Name, Encoding.UTF8.GetString(read.Content.Span)).ShouldBe(($"e-{i}.json", Encoding.UTF8.GetString(Body(i))));
        }
    }

    [Fact]
    public async Task ArchiveAsync_SamePayloadAgain_KeepsBothCopies()
    {
        var first = await Port.ArchiveAsync("twilio", "CA1-3-ff.form", Body(1), "application/x-www-form-urlencoded", default);
        var again = await Port.ArchiveAsync("twilio", "CA1-3-ff.form", Body(1), "application/x-www-form-urlencoded", default);

        first.ShouldNotBe(again);
        (await Port.ReadAsync(first, default)).ShouldNotBeNull().Content.ToArray().ShouldBe(Body(1));
        (await Port.ReadAsync(again, default)).ShouldNotBeNull().Content.ToArray().ShouldBe(Body(1));
        (await ListedAsync("twilio", Day)).Select(p => p.ArchivedAs).ShouldBe([first, again], ignoreOrder: true);
    }

    [Fact]
    public async Task ListAsync_SourceAndDay_ListsEachPayloadOfThatSourceAndDayOnce()
    {
        var retell = await AllAtOnceAsync(5, i => Port.ArchiveAsync("retell", $"r-{i}.json", Body(i), "application/json", default));
        await Port.ArchiveAsync("retell-eu", "eu.json", Body(9), "application/json", default);
        await Port.ArchiveAsync("retel", "short.json", Body(8), "application/json", default);

        var listed = await ListedAsync("retell", Day);

        listed.Select(p => (p.ArchivedAs, p.Name, p.ContentType, Encoding.UTF8.GetString(p.Content.Span))).ShouldBe(
            retell.Select((archivedAs, i) => (archivedAs, $"r-{i}.json", "application/json", Encoding.UTF8.GetString(Body(i)))), ignoreOrder: true);
        (await ListedAsync("retell", Day.PlusDays(1))).ShouldBeEmpty();
        (await ListedAsync("retell", Day.PlusDays(-1))).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_NameNeverHandedOut_IsNull()
    {
        var archivedAs = await Port.ArchiveAsync("vapi", "v.json", Body(2), "application/json", default);

        (await Port.ReadAsync(archivedAs + "0", default)).ShouldBeNull();
        (await Port.ReadAsync(archivedAs.Replace("vapi/", "vapi/x", StringComparison.Ordinal), default)).ShouldBeNull();
        (await Port.ReadAsync("raw-archive/vapi/nothing", default)).ShouldBeNull();
    }

    private async Task<List<ArchivedPayload>> ListedAsync(string source, LocalDate day)
    {
        var listed = new List<ArchivedPayload>();
        await foreach (var payload in Port.ListAsync(source, day, default))
        {
            listed.Add(payload);
        }

        return listed;
    }

    /// <summary>A small JSON body that differs per <paramref name="i"/> in content and length.</summary>
    protected static byte[] Body(int i) => Encoding.UTF8.GetBytes($"{{\"id\":\"e-{i}\",\"note\":\"{new string('x', i % 7)}\"}}");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
