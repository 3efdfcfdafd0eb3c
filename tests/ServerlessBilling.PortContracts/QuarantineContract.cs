using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>Quarantine by source and reference: a put replaces, a list is one source's records in reference order,
/// a removal takes out only that source's record and is harmless when repeated.</summary>
public abstract class QuarantineContract : PortContract<IQuarantine>
{
    private static QuarantinedRecord Held(string source, string reference, string raw = "raw line", QuarantineKind kind = QuarantineKind.Problem) =>
        new(source, reference, new RecordProblem("to", "not a phone number"), raw, kind);

    [Fact]
    public async Task ListAsync_NothingHeld_IsEmpty() =>
        (await Port.ListAsync("asterisk", default)).ShouldBeEmpty();

    [Fact]
    public async Task PutAsync_EachKind_ReadsBackEqual()
    {
        var records = new[]
        {
            Held("asterisk", "asterisk/UTC/Master.csv#L2"),
            Held("asterisk", "asterisk/UTC/Master.csv#L3", "\"quoted\",\u00e9\t", QuarantineKind.Limit),
            Held("asterisk", "asterisk/UTC/Master.csv#L4", "{\"stored\":1,\"incoming\":2}", QuarantineKind.Conflict),
        };
        foreach (var record in records)
        {
            await Port.PutAsync(record, default);
        }

        (await Port.ListAsync("asterisk", default)).ShouldBe(records);
    }

    [Fact]
    public async Task PutAsync_RawLargerThanATableProperty_ReadsBackWhole()
    {
        var raw = string.Concat(Enumerable.Range(0, 9_000).Select(i => $"{i:D7},"));

        await Port.PutAsync(Held("twilio", "twilio/2026/10/05/CA1.json", raw), default);

        (await Port.ListAsync("twilio", default)).ShouldHaveSingleItem().RawContent.ShouldBe(raw);
    }

    [Fact]
    public async Task PutAsync_SameSourceAndReferenceAgain_ReplacesIt()
    {
        await Port.PutAsync(Held("asterisk", "Master.csv#L2", "first"), default);
        var again = Held("asterisk", "Master.csv#L2", "second", QuarantineKind.Limit) with { Problem = new RecordProblem("seconds", "too long") };

        await Port.PutAsync(again, default);

        (await Port.ListAsync("asterisk", default)).ShouldBe([again]);
    }

    [Fact]
    public async Task PutAllAsync_ManyRecordsOfTwoSources_EachReadsBackEqualUnderItsSource()
    {
        // More than one transaction's 100 rows, two sources interleaved, one replacing a record already held.
        await Port.PutAsync(Held("asterisk", "Master.csv#L00007", "before"), default);
        var asterisk = Enumerable.Range(0, 250).Select(i => Held("asterisk", $"Master.csv#L{i:D5}", $"line {i}")).ToList();
        var freeswitch = Enumerable.Range(0, 30).Select(i => Held("freeswitch", $"Master.csv#L{i:D5}", $"fs {i}", QuarantineKind.Limit)).ToList();

        await Port.PutAllAsync([.. asterisk.Zip(freeswitch.Concat(Enumerable.Repeat<QuarantinedRecord?>(null, 220)), (a, f) => new[] { a, f })
            .SelectMany(pair => pair).OfType<QuarantinedRecord>()], default);

        (await Port.ListAsync("asterisk", default)).ShouldBe(asterisk);
        (await Port.ListAsync("freeswitch", default)).ShouldBe(freeswitch);
    }

    [Fact]
    public async Task PutAllAsync_LargeRawsAndARepeatedReference_StoresEachOnceAsLastGiven()
    {
        // 60 raws of 20,000 characters are more than one transaction's bytes; one longer than a table property goes beside it.
        var records = Enumerable.Range(0, 60).Select(i => Held("csv", $"big.csv#L{i:D3}", new string((char)('a' + i % 26), 20_000))).ToList();
        records.Add(Held("csv", "big.csv#L999", string.Concat(Enumerable.Range(0, 9_000).Select(i => $"{i:D7},"))));
        var replaced = Held("csv", "big.csv#L005", "given last", QuarantineKind.Conflict);

        await Port.PutAllAsync([.. records, replaced], default);

        var stored = await Port.ListAsync("csv", default);
        stored.ShouldBe([.. records.Select(r => r.Reference == replaced.Reference ? replaced : r)]);
    }

    [Fact]
    public async Task PutAllAsync_Nothing_StoresNothing()
    {
        await Port.PutAllAsync([], default);

        (await Port.ListAsync("asterisk", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_SameReferenceInTwoSources_EachSourceListsOnlyItsOwn()
    {
        await Port.PutAsync(Held("asterisk", "Master.csv#L2", "from asterisk"), default);
        await Port.PutAsync(Held("freeswitch", "Master.csv#L2", "from freeswitch"), default);

        (await Port.ListAsync("asterisk", default)).Select(r => r.RawContent).ShouldBe(["from asterisk"]);
        (await Port.ListAsync("freeswitch", default)).Select(r => r.RawContent).ShouldBe(["from freeswitch"]);
        (await Port.ListAsync("master", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_PutOutOfOrder_ListsInReferenceOrder()
    {
        // Ordinal order: line 10 sorts before line 9, as replay and the API list them.
        foreach (var reference in new[] { "drop/a.csv#L9", "drop/b.csv#L1", "drop/a.csv#L10", "drop/a.csv#L2" })
        {
            await Port.PutAsync(Held("csv", reference), default);
        }

        (await Port.ListAsync("csv", default)).Select(r => r.Reference).ShouldBe(["drop/a.csv#L10", "drop/a.csv#L2", "drop/a.csv#L9", "drop/b.csv#L1"]);
    }

    [Fact]
    public async Task RemoveAsync_Held_TakesOutOnlyThatSourcesRecord()
    {
        await Port.PutAsync(Held("asterisk", "Master.csv#L2"), default);
        await Port.PutAsync(Held("asterisk", "Master.csv#L3"), default);
        await Port.PutAsync(Held("freeswitch", "Master.csv#L2"), default);

        await Port.RemoveAsync("asterisk", "Master.csv#L2", default);

        (await Port.ListAsync("asterisk", default)).Select(r => r.Reference).ShouldBe(["Master.csv#L3"]);
        (await Port.ListAsync("freeswitch", default)).Select(r => r.Reference).ShouldBe(["Master.csv#L2"]);
    }

    [Fact]
    public async Task RemoveAsync_NotHeldOrAlreadyRemoved_DoesNothing()
    {
        await Port.PutAsync(Held("asterisk", "Master.csv#L2"), default);

        await Port.RemoveAsync("asterisk", "Master.csv#L9", default);
        await Port.RemoveAsync("nobody", "Master.csv#L2", default);
        await Port.RemoveAsync("asterisk", "Master.csv#L2", default);
        await Port.RemoveAsync("asterisk", "Master.csv#L2", default);

        (await Port.ListAsync("asterisk", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListPageAsync_FiveRecordsByTwo_ThreePagesInReferenceOrder()
    {
        var longRaw = new string('x', 40_000);
        foreach (var reference in new[] { "ref-3", "ref-1", "ref-5", "ref-2", "ref-4" })
        {
            await Port.PutAsync(Record("twilio", reference, reference == "ref-2" ? longRaw : "{}"), default);
        }

        await Port.PutAsync(Record("retell", "ref-0", "{}"), default);

        var pages = await Pages.AllAsync(2, page => Port.ListPageAsync("twilio", page, default));

        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Items).Select(r => r.Reference).ShouldBe(["ref-1", "ref-2", "ref-3", "ref-4", "ref-5"]);
        pages[0].Items[1].ShouldBe(Record("twilio", "ref-2", longRaw));
    }

    [Fact]
    public async Task ListPageAsync_AfterRemove_TheRecordIsGone()
    {
        await Port.PutAsync(Record("twilio", "ref-1", "{}"), default);
        await Port.PutAsync(Record("twilio", "ref-2", "{}"), default);
        await Port.RemoveAsync("twilio", "ref-1", default);

        var page = await Port.ListPageAsync("twilio", Paging.PageRequest.First(), default);

        page.Items.ShouldBe([Record("twilio", "ref-2", "{}")]);
        page.HasMore.ShouldBeFalse();
    }

    private static QuarantinedRecord Record(string source, string reference, string raw) =>
        new(source, reference, new RecordProblem("to", "no account holds the number"), raw, QuarantineKind.Problem);
}
