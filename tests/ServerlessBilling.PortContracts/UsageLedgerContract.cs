using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>The usage ledger keeps each event identity (event id and component) once per account and period, whatever number of
/// times it is delivered; that it is billed once across accounts and periods is <see cref="EventIdentitiesContract"/>'s.</summary>
public abstract partial class UsageLedgerContract : PortContract<IUsageLedger>
{
    [Fact]
    public async Task TryRecordAsync_NewEvent_RecordsItOnce()
    {
        var usage = Samples.Rated("acme", Samples.October, "twilio-CA1");

        (await Port.TryRecordAsync(usage, default)).ShouldBeTrue();

        var stored = (await Port.ListAsync("acme", Samples.October, default)).ShouldHaveSingleItem();
        Samples.Json(stored).ShouldBe(Samples.Json(usage));
    }

    [Fact]
    public async Task TryRecordAsync_SameEventAgain_ReturnsFalseAndKeepsTheFirstCharge()
    {
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "twilio-CA1", 0.024m), default);

        (await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "twilio-CA1", 9.99m), default)).ShouldBeFalse();

        (await Port.ListAsync("acme", Samples.October, default)).ShouldHaveSingleItem().Charge.Amount.ShouldBe(new Money(0.024m, "USD"));
    }

    [Fact]
    public async Task TryRecordAsync_ConcurrentDeliveries_ExactlyOneIsRecorded()
    {
        var usage = Samples.Rated("acme", Samples.October, "twilio-CA1");

        var recorded = await AllAtOnceAsync(8, _ => Port.TryRecordAsync(usage, default));

        recorded.Count(r => r).ShouldBe(1);
        (await Port.ListAsync("acme", Samples.October, default)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task TryRecordAsync_SameEventIdInAnotherAccountOrPeriod_IsAnotherRow()
    {
        (await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "e1"), default)).ShouldBeTrue();
        (await Port.TryRecordAsync(Samples.Rated("acme", Samples.November, "e1"), default)).ShouldBeTrue();
        (await Port.TryRecordAsync(Samples.Rated("zeta", Samples.October, "e1"), default)).ShouldBeTrue();

        (await Port.ListAsync("acme", Samples.October, default)).Count.ShouldBe(1);
        (await Port.ListAsync("acme", Samples.November, default)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ContainsAsync_RecordedOrNot_AnswersForThatAccountAndPeriodOnly()
    {
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "e1"), default);

        (await Port.ContainsAsync("acme", Samples.October, Telephony("e1"), default)).ShouldBeTrue();
        (await Port.ContainsAsync("acme", Samples.October, Telephony("e2"), default)).ShouldBeFalse();
        (await Port.ContainsAsync("acme", Samples.October, new EventIdentity("e1", UsageComponent.AiVoice), default)).ShouldBeFalse();
        (await Port.ContainsAsync("acme", Samples.November, Telephony("e1"), default)).ShouldBeFalse();
        (await Port.ContainsAsync("zeta", Samples.October, Telephony("e1"), default)).ShouldBeFalse();
    }

    [Fact]
    public async Task ContainsAllAsync_ManyIdentities_AnswersEachAsContainsAsyncDoes()
    {
        // 40 identities (more than one query's worth), every third recorded; ids that need escaping, a quote, the same id twice.
        var ids = Enumerable.Range(1, 37).Select(i => $"m{i}").Concat(["o'brien", "a/b", "a|b"]).ToList();
        var recorded = ids.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var id in recorded)
        {
            await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, id), default);
        }

        await Port.TryRecordAsync(Samples.Rated("acme", Samples.November, "m2"), default);
        await Port.TryRecordAsync(Samples.Rated("zeta", Samples.October, "m3"), default);
        List<EventIdentity> asked = [.. ids.Select(Telephony), Telephony("m1"), new EventIdentity("m1", UsageComponent.AiVoice)];

        var answers = await Port.ContainsAllAsync("acme", Samples.October, asked, default);

        answers.ShouldBe([.. ids.Select(recorded.Contains), true, false]);
        for (var i = 0; i < asked.Count; i++)
        {
            answers[i].ShouldBe(await Port.ContainsAsync("acme", Samples.October, asked[i], default), asked[i].ToString());
        }
    }

    [Fact]
    public async Task ContainsAllAsync_NoneAskedOrNoneRecorded_AnswersEmptyOrFalse()
    {
        (await Port.ContainsAllAsync("acme", Samples.October, [], default)).ShouldBeEmpty();
        (await Port.ContainsAllAsync("nobody", Samples.October, [Telephony("e1"), Telephony("e2")], default)).ShouldBe([false, false]);
    }

    [Fact]
    public async Task ListAsync_NothingRecorded_IsEmpty() =>
        (await Port.ListAsync("nobody", Samples.October, default)).ShouldBeEmpty();

    [Fact]
    public async Task ListAsync_ManyEvents_ListsEachOnce()
    {
        var ids = Enumerable.Range(1, 30).Select(i => $"e{i}").ToList();
        foreach (var id in ids)
        {
            await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, id), default);
        }

        (await Port.ListAsync("acme", Samples.October, default)).Select(u => u.Event.EventId).Order(StringComparer.Ordinal)
            .ShouldBe(ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplaceAsync_RecordedEvent_ReplacesItsCharge()
    {
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "e1", 0.024m), default);

        await Port.ReplaceAsync(Samples.Rated("acme", Samples.October, "e1", 0.030m), default);

        (await Port.ListAsync("acme", Samples.October, default)).ShouldHaveSingleItem().Charge.Amount.ShouldBe(new Money(0.030m, "USD"));
    }

    [Fact]
    public async Task ReplaceAsync_EventNeverRecorded_RecordsIt()
    {
        await Port.ReplaceAsync(Samples.Rated("acme", Samples.October, "e1", 0.030m), default);

        (await Port.ContainsAsync("acme", Samples.October, Telephony("e1"), default)).ShouldBeTrue();
        (await Port.ListAsync("acme", Samples.October, default)).ShouldHaveSingleItem().Charge.Amount.ShouldBe(new Money(0.030m, "USD"));
    }

    [Fact]
    public async Task TryRecordAsync_ComponentOfOneCallAndACallWhoseIdSpellsIt_AreTwoRows()
    {
        // comp-w1's telephony leg, split off under the display id "comp-w1-telephony", and another call whose own id is that.
        var leg = Samples.Component("acme", Samples.October, "comp-w1", UsageComponent.Telephony);
        var other = Samples.Rated("acme", Samples.October, "comp-w1-telephony");

        (await Port.TryRecordAsync(leg, default)).ShouldBeTrue();
        (await Port.TryRecordAsync(other, default)).ShouldBeTrue();

        (await Port.ListAsync("acme", Samples.October, default)).Select(u => u.Event.Identity).ShouldBe(
            [new EventIdentity("comp-w1", UsageComponent.Telephony), Telephony("comp-w1-telephony")], ignoreOrder: true);
    }

    [Theory]
    [InlineData("a|b", "a%7Cb")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a%2Fb", "a/b")]
    [InlineData("x|telephony", "x")]
    public async Task TryRecordAsync_IdsThatEscapeAlike_AreTwoRows(string one, string other)
    {
        (await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, one), default)).ShouldBeTrue();
        (await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, other), default)).ShouldBeTrue();

        (await Port.ListAsync("acme", Samples.October, default)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RemoveAsync_RecordedEvent_VoidsItAndOnlyIt()
    {
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "e1"), default);
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "e2"), default);

        await Port.RemoveAsync("acme", Samples.October.Key, Telephony("e1"), default);
        await Port.RemoveAsync("acme", Samples.October.Key, Telephony("never"), default);

        (await Port.ListAsync("acme", Samples.October, default)).ShouldHaveSingleItem().Event.EventId.ShouldBe("e2");
    }

    [Fact]
    public async Task ListPageAsync_NothingRecorded_IsOneEmptyLastPage()
    {
        var page = await Port.ListPageAsync(null, null, 10, default);

        page.Rows.ShouldBeEmpty();
        page.ContinuationToken.ShouldBeNull();
    }

    [Fact]
    public async Task ListPageAsync_RowsOfManyAccountsAndPeriods_ListsEachOnceInPagesNoLargerThanAsked()
    {
        var recorded = new List<RatedUsage>();
        foreach (var account in new[] { "acme", "zeta", "a|b" })
        {
            foreach (var period in new[] { Samples.October, Samples.November })
            {
                for (var i = 0; i < 4; i++)
                {
                    var usage = Samples.Rated(account, period, $"e{i}");
                    await Port.TryRecordAsync(usage, default);
                    recorded.Add(usage);
                }
            }
        }

        var listed = new List<RatedUsage>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Port.ListPageAsync(null, token, 5, default);
            page.Rows.Count.ShouldBeLessThanOrEqualTo(5);
            listed.AddRange(page.Rows);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        pages.ShouldBeGreaterThanOrEqualTo(5);
        listed.Select(Samples.Json).ShouldBe(recorded.Select(Samples.Json), ignoreOrder: true);
    }

    [Fact]
    public async Task ListPageAsync_OneAccount_ListsItsRowsOfEveryPeriodAndNoneOfAnAccountItsIdStarts()
    {
        var recorded = new List<RatedUsage>();
        foreach (var account in new[] { "a", "a|b", "a}", "ab", "b" })
        {
            foreach (var period in new[] { Samples.October, Samples.November })
            {
                for (var i = 0; i < 3; i++)
                {
                    var usage = Samples.Rated(account, period, $"e{i}");
                    await Port.TryRecordAsync(usage, default);
                    recorded.Add(usage);
                }
            }
        }

        var listed = new List<RatedUsage>();
        string? token = null;
        do
        {
            var page = await Port.ListPageAsync("a", token, 2, default);
            page.Rows.Count.ShouldBeLessThanOrEqualTo(2);
            listed.AddRange(page.Rows);
            token = page.ContinuationToken;
        }
        while (token is not null);

        listed.Select(Samples.Json).ShouldBe(recorded.Where(r => r.AccountId == "a").Select(Samples.Json), ignoreOrder: true);
        (await Port.ListPageAsync("nobody", null, 10, default)).Rows.ShouldBeEmpty();
    }

    private static EventIdentity Telephony(string eventId) => new(eventId, UsageComponent.Telephony);

    [Fact]
    public async Task ListBySourceAsync_RowsOfManySourcesAndMonths_ListsThePeriodsRowsOfTheSourceStartedInTheIntervalOnce()
    {
        var november = new NodaTime.Interval(NodaTime.Instant.FromUtc(2026, 11, 1, 0, 0), NodaTime.Instant.FromUtc(2026, 12, 1, 0, 0));
        var wanted = new List<RatedUsage>();
        for (var i = 0; i < 3; i++)
        {
            var usage = At(Samples.Rated("acme", Samples.November, $"twilio-CA{i}"), NodaTime.Instant.FromUtc(2026, 11, 1 + (i * 14), 0, 0));
            await Port.TryRecordAsync(usage, default);
            wanted.Add(usage);
        }

        var split = At(Samples.Component("acme", Samples.November, "twilio-CA9", UsageComponent.Transfer), november.Start);
        await Port.TryRecordAsync(split, default);
        wanted.Add(split);
        await Port.TryRecordAsync(At(Samples.Rated("zeta", Samples.November, "twilio-CA5"), november.Start), default);
        await Port.TryRecordAsync(At(Samples.Rated("acme", Samples.November, "twilio-CA7"), NodaTime.Instant.FromUtc(2026, 12, 1, 0, 0)), default);
        await Port.TryRecordAsync(At(Samples.Rated("acme", Samples.October, "twilio-CA8"), NodaTime.Instant.FromUtc(2026, 10, 31, 23, 59)), default);
        var retell = Samples.Rated("acme", Samples.November, "retell-c1");
        await Port.TryRecordAsync(retell with { Event = retell.Event with { Source = "retell", StartedAt = november.Start } }, default);

        var listed = new List<RatedUsage>();
        string? token = null;
        do
        {
            var page = await Port.ListBySourceAsync(new BilledPeriod("acme", Samples.November.Key), "twilio", november, token, 2, default);
            page.Rows.Count.ShouldBeLessThanOrEqualTo(2);
            listed.AddRange(page.Rows);
            token = page.ContinuationToken;
        }
        while (token is not null);

        listed.Select(Samples.Json).ShouldBe(wanted.Select(Samples.Json), ignoreOrder: true);
    }

    [Fact]
    public async Task ListBilledPeriodsAsync_CallsOfManySourcesMonthsAndAccounts_ListsEachAccountPeriodOfTheSourceAndUtcMonthOnce()
    {
        var november = new NodaTime.YearMonth(2026, 11);
        for (var i = 0; i < 3; i++)
        {
            await Port.TryRecordAsync(At(Samples.Rated("acme", Samples.November, $"twilio-CA{i}"), NodaTime.Instant.FromUtc(2026, 11, 2 + i, 0, 0)), default);
        }

        await Port.TryRecordAsync(At(Samples.Rated("acme", Samples.October, "twilio-CA3"), NodaTime.Instant.FromUtc(2026, 11, 1, 0, 0)), default);
        await Port.TryRecordAsync(At(Samples.Rated("zeta", Samples.November, "twilio-CA4"), NodaTime.Instant.FromUtc(2026, 11, 30, 23, 59)), default);
        await Port.TryRecordAsync(At(Samples.Rated("a|b", Samples.November, "twilio-CA5"), NodaTime.Instant.FromUtc(2026, 11, 5, 0, 0)), default);
        await Port.TryRecordAsync(At(Samples.Rated("acme", Samples.November, "twilio-CA0"), NodaTime.Instant.FromUtc(2026, 11, 2, 0, 0)), default);
        await Port.TryRecordAsync(At(Samples.Rated("omega", Samples.November, "twilio-CA6"), NodaTime.Instant.FromUtc(2026, 12, 1, 0, 0)), default);
        await Port.TryRecordAsync(At(Samples.Rated("omega", Samples.October, "twilio-CA7"), NodaTime.Instant.FromUtc(2026, 10, 31, 23, 59)), default);
        var retell = Samples.Rated("omega", Samples.November, "retell-c1");
        await Port.TryRecordAsync(retell with { Event = retell.Event with { Source = "retell", StartedAt = NodaTime.Instant.FromUtc(2026, 11, 3, 0, 0) } }, default);

        var listed = new List<BilledPeriod>();
        string? token = null;
        do
        {
            var page = await Port.ListBilledPeriodsAsync("twilio", november, token, 2, default);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            listed.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        listed.ShouldBe(
            [new("acme", Samples.November.Key), new("acme", Samples.October.Key), new("zeta", Samples.November.Key), new("a|b", Samples.November.Key)],
            ignoreOrder: true);
        (await Port.ListBilledPeriodsAsync("retell", november, null, 10, default)).Items.ShouldBe([new BilledPeriod("omega", Samples.November.Key)]);
        (await Port.ListBilledPeriodsAsync("twilio", new NodaTime.YearMonth(2026, 9), null, 10, default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task TryIndexSourceAsync_EntryNotThere_WritesItOnceAndListsThePeriod()
    {
        var november = new NodaTime.YearMonth(2026, 11);
        var first = At(Samples.Rated("acme", Samples.November, "twilio-CA1"), NodaTime.Instant.FromUtc(2026, 11, 3, 0, 0));
        var sameEntry = At(Samples.Rated("acme", Samples.November, "twilio-CA2"), NodaTime.Instant.FromUtc(2026, 11, 30, 23, 59));
        var nextMonth = At(Samples.Rated("acme", Samples.November, "twilio-CA3"), NodaTime.Instant.FromUtc(2026, 12, 1, 0, 0));

        var written = (await Port.TryIndexSourceAsync(first, default), await Port.TryIndexSourceAsync(sameEntry, default),
            await Port.TryIndexSourceAsync(first, default), await Port.TryIndexSourceAsync(nextMonth, default));

        written.ShouldBe((true, false, false, true));
        (await Port.ListBilledPeriodsAsync("twilio", november, null, 10, default)).Items.ShouldBe([new BilledPeriod("acme", Samples.November.Key)]);
        (await Port.ListBilledPeriodsAsync("twilio", new NodaTime.YearMonth(2026, 12), null, 10, default)).Items.ShouldBe([new BilledPeriod("acme", Samples.November.Key)]);
        (await Port.ListAsync("acme", Samples.November, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TryIndexSourceAsync_RowRecordedSinceTheIndexWasKept_IsAlreadyThere()
    {
        var usage = At(Samples.Rated("zeta", Samples.October, "twilio-CA1"), NodaTime.Instant.FromUtc(2026, 10, 9, 0, 0));
        await Port.TryRecordAsync(usage, default);

        (await Port.TryIndexSourceAsync(usage, default)).ShouldBeFalse();
        (await Port.TryIndexSourceAsync(At(usage, NodaTime.Instant.FromUtc(2026, 10, 20, 0, 0)), default)).ShouldBeFalse();
    }

    private static RatedUsage At(RatedUsage usage, NodaTime.Instant startedAt) => usage with { Event = usage.Event with { StartedAt = startedAt } };

    [Fact]
    public async Task ListAsync_ByPage_EveryRowOfThePeriodOnceInEventOrder()
    {
        foreach (var id in new[] { "call-4", "call-1", "call-5", "call-3", "call-2" })
        {
            await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, id), default);
        }

        await Port.TryRecordAsync(Samples.Rated("acme", Samples.November, "call-6"), default);
        await Port.TryRecordAsync(Samples.Rated("zeta", Samples.October, "call-7"), default);

        var pages = await Pages.AllAsync(2, page => Port.ListAsync("acme", Samples.October, page, default));

        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Items).Select(r => r.Event.EventId).ShouldBe(["call-1", "call-2", "call-3", "call-4", "call-5"]);
        Samples.Json(pages[0].Items[0]).ShouldBe(Samples.Json(Samples.Rated("acme", Samples.October, "call-1")));
    }

    [Fact]
    public async Task TryRecordAllAsync_RowsOfSeveralAccountsAndPeriods_RecordsEachOnce()
    {
        var rows = Enumerable.Range(0, 150).Select(i => Samples.Rated("acme", Samples.October, $"call-{i}"))
            .Concat(Enumerable.Range(0, 3).Select(i => Samples.Rated("acme", Samples.November, $"call-{i}")))
            .Append(Samples.Rated("zeta", Samples.October, "call-0"))
            .ToList();

        var recorded = await Port.TryRecordAllAsync(rows, default);

        recorded.Count.ShouldBe(154);
        recorded.ShouldAllBe(r => r);
        (await Port.ListAsync("acme", Samples.October, default)).Count.ShouldBe(150);
        (await Port.ListAsync("acme", Samples.November, default)).Count.ShouldBe(3);
        Samples.Json((await Port.ListAsync("zeta", Samples.October, default)).ShouldHaveSingleItem()).ShouldBe(Samples.Json(rows[^1]));
    }

    [Fact]
    public async Task TryRecordAllAsync_RowsOfSeveralAccountPeriods_EachPeriodListedUnderItsSourceAndMonth()
    {
        var november = new NodaTime.YearMonth(2026, 11);
        var rows = Enumerable.Range(0, 3)
            .Select(i => At(Samples.Rated("acme", Samples.November, $"twilio-CA{i}"), NodaTime.Instant.FromUtc(2026, 11, 2 + i, 0, 0)))
            .Append(At(Samples.Rated("zeta", Samples.November, "twilio-CA9"), NodaTime.Instant.FromUtc(2026, 11, 9, 0, 0)))
            .ToList();

        (await Port.TryRecordAllAsync(rows, default)).ShouldAllBe(r => r);

        (await Port.ListBilledPeriodsAsync("twilio", november, null, 10, default)).Items
            .ShouldBe([new("acme", Samples.November.Key), new("zeta", Samples.November.Key)], ignoreOrder: true);
    }

    [Fact]
    public async Task TryRecordAllAsync_SomeRecordedAlready_FalseForThoseAndTheirFirstChargeKept()
    {
        await Port.TryRecordAsync(Samples.Rated("acme", Samples.October, "call-2", 9.99m), default);
        var rows = Enumerable.Range(0, 5).Select(i => Samples.Rated("acme", Samples.October, $"call-{i}", 0.024m)).ToList();

        var recorded = await Port.TryRecordAllAsync(rows, default);

        recorded.ShouldBe([true, true, false, true, true]);
        var stored = await Port.ListAsync("acme", Samples.October, default);
        stored.Count.ShouldBe(5);
        stored.Single(r => r.Event.EventId == "call-2").Charge.Amount.ShouldBe(new Money(9.99m, "USD"));
    }
}
