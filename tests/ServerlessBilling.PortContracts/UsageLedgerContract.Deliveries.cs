using ServerlessBilling.Rating;

namespace ServerlessBilling.PortContracts;

/// <summary>Calls recorded with the delivery that claimed them (a store may keep a CDR batch's calls together): each is still
/// recorded once in its account period, whichever writer of it comes first, and is listed, found, replaced and voided as any other.</summary>
public abstract partial class UsageLedgerContract
{
    /// <summary>The delivery of a CDR batch's call at <paramref name="position"/> (<c>{file}|{etag}|{first line}.{part}|{source}#{position}</c>).</summary>
    private static string BatchDelivery(int position, string file = "cdr/october.csv") => $"{file}|0x8DCAFE|1.0|asterisk#{position}";

    private static List<RatedUsage> Calls(int count, string prefix = "c", decimal amount = 0.024m) =>
        [.. Enumerable.Range(0, count).Select(i => Samples.Rated("acme", Samples.October, $"{prefix}{i:D3}", amount))];

    [Fact]
    public async Task TryRecordAllAsync_CallsOfABatchAndOthers_RecordsEachOnceAndAgainAnswersFalse()
    {
        // 120 calls of one batch (more than one store row's worth), 5 of a webhook message, 2 with no delivery.
        var calls = Calls(127);
        List<string?> deliveries = [.. Enumerable.Range(0, 120).Select(i => BatchDelivery(i)), .. Enumerable.Range(0, 5).Select(i => $"msg-1#{i}"), null, null];

        (await Port.TryRecordAllAsync(calls, deliveries, default)).ShouldAllBe(recorded => recorded);
        (await Port.TryRecordAllAsync(calls, deliveries, default)).ShouldAllBe(recorded => !recorded);

        var listed = await Port.ListAsync("acme", Samples.October, default);
        listed.Select(u => u.Event.EventId).Order(StringComparer.Ordinal).ShouldBe(calls.Select(c => c.Event.EventId));
        (await Port.ContainsAllAsync("acme", Samples.October, [.. calls.Select(c => c.Event.Identity)], deliveries, default)).ShouldAllBe(found => found);
    }

    [Fact]
    public async Task TryRecordAsync_ACallOfABatchBeforeOrAfterItsBatch_IsRecordedOnce()
    {
        var calls = Calls(60);
        var deliveries = Enumerable.Range(0, 60).Select(i => (string?)BatchDelivery(i)).ToList();

        // Another delivery completes call 7 before its batch writes, and call 55 after.
        (await Port.TryRecordAsync(calls[7], deliveries[7], default)).ShouldBeTrue();
        var recorded = await Port.TryRecordAllAsync(calls, deliveries, default);
        (await Port.TryRecordAsync(calls[55], deliveries[55], default)).ShouldBeFalse();

        recorded.ShouldBe(Enumerable.Range(0, 60).Select(i => i != 7));
        (await Port.ListAsync("acme", Samples.October, default)).Count.ShouldBe(60);
    }

    [Fact]
    public async Task TryRecordAsync_ABatchAndItsCompletersAtOnce_RecordEachCallExactlyOnce()
    {
        var calls = Calls(80);
        var deliveries = Enumerable.Range(0, 80).Select(i => (string?)BatchDelivery(i)).ToList();

        // The batch, a second run of it, and eight deliveries each completing every tenth call, all at once.
        var answers = await AllAtOnceAsync(10, async writer => writer < 2
            ? await Port.TryRecordAllAsync(calls, deliveries, default)
            : await Task.WhenAll(Enumerable.Range(0, 80).Select(i => i % 10 == writer ? Port.TryRecordAsync(calls[i], deliveries[i], default) : Task.FromResult(false))));

        for (var i = 0; i < 80; i++)
        {
            answers.Count(a => a[i]).ShouldBe(1, $"call {i}");
        }

        (await Port.ListAsync("acme", Samples.October, default)).Select(u => u.Event.EventId).Order(StringComparer.Ordinal)
            .ShouldBe(calls.Select(c => c.Event.EventId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplaceAllAsync_CallsOfABatchAndOneOfItsOwn_ReplacesEachWhereItIsKept()
    {
        var calls = Calls(70);
        await Port.TryRecordAllAsync(calls, [.. Enumerable.Range(0, 70).Select(i => (string?)BatchDelivery(i))], default);
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "own"), default);

        await Port.ReplaceAllAsync([.. calls.Where((_, i) => i % 20 == 3).Select(c => c with { Charge = c.Charge with { Amount = new Money(0.5m, "USD") } }),
            Samples.Rated("acme", Samples.October, "own", 0.5m)], default);
        await Port.ReplaceAsync(calls[69] with { Charge = calls[69].Charge with { Amount = new Money(0.7m, "USD") } }, default);

        var listed = (await Port.ListAsync("acme", Samples.October, default)).ToDictionary(u => u.Event.EventId);
        listed.Count.ShouldBe(71);
        listed.Values.Count(u => u.Charge.Amount.Amount == 0.5m).ShouldBe(5);
        listed["c003"].Charge.Amount.Amount.ShouldBe(0.5m);
        listed["own"].Charge.Amount.Amount.ShouldBe(0.5m);
        listed["c069"].Charge.Amount.Amount.ShouldBe(0.7m);
        listed["c004"].Charge.Amount.Amount.ShouldBe(0.024m);
    }

    [Fact]
    public async Task RemoveAsync_CallsOfABatch_VoidsThemAndOnlyThem()
    {
        var calls = Calls(55);
        var deliveries = Enumerable.Range(0, 55).Select(i => (string?)BatchDelivery(i)).ToList();
        await Port.TryRecordAllAsync(calls, deliveries, default);

        // Every call kept with the last five (a store row of its own, at positions 50 to 54), and call 10.
        foreach (var i in new[] { 10, 50, 51, 52, 53, 54 })
        {
            await Port.RemoveAsync("acme", Samples.October.Key, calls[i].Event.Identity, default);
        }

        var listed = await Port.ListAsync("acme", Samples.October, default);
        listed.Count.ShouldBe(49);
        listed.ShouldNotContain(u => u.Event.EventId == "c010" || u.Event.EventId == "c052");
        (await Port.ContainsAllAsync("acme", Samples.October, [calls[10].Event.Identity, calls[11].Event.Identity], [deliveries[10], deliveries[11]], default))
            .ShouldBe([false, true]);

        // Voided calls written again by their batch are recorded again, once.
        (await Port.TryRecordAllAsync(calls, deliveries, default)).Count(recorded => recorded).ShouldBe(6);
        (await Port.ListAsync("acme", Samples.October, default)).Count.ShouldBe(55);
    }
}
