using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage;

public class IngestCountsTests
{
    private static readonly LocalDate Monday = new(2026, 3, 2);

    [Fact]
    public void Plus_TwoCounts_AddsEveryColumn()
    {
        var sum = new IngestCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
            .Plus(new IngestCounts(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150));

        sum.ShouldBe(new IngestCounts(11, 22, 33, 44, 55, 66, 77, 88, 99, 110, 121, 132, 143, 154, 165));
        sum.Minus(new IngestCounts(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150))
            .ShouldBe(new IngestCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    }

    [Fact]
    public void Unaccounted_AWebhookDayRatedInFull_IsZeroAndNamesWhatIsMissingOtherwise()
    {
        // 6 deliveries: 4 accepted carrying 6 events of 7 components, 1 ignored, 1 forged; a replay released one held call.
        var day = new IngestCounts(
            Received: 6, Accepted: 4, Ignored: 1, Rejected: 1, Queued: 6, Components: 7, Quarantined: 4,
            Rated: 2, Duplicates: 1, Conflicting: 1, Held: 1, Unattributed: 1, Unpriced: 1, NotCharged: 1, Released: 1);

        (day.UnaccountedDeliveries, day.UnaccountedComponents).ShouldBe((0L, 0L));
        (day with { Components = 8 }).UnaccountedComponents.ShouldBe(1);
        (day with { Received = 5 }).UnaccountedDeliveries.ShouldBe(-1);
    }

    [Fact]
    public void Of_ShardsOfOneSourceAndDay_AreSummedIntoOneRowAndTotalledPerSource()
    {
        IngestCounter[] parts =
        [
            new("retell", Monday, new IngestCounts(Received: 3, Accepted: 3)),
            new("asterisk", Monday, new IngestCounts(Received: 100, Quarantined: 2)),
            new("retell", Monday, new IngestCounts(Received: 2, Rejected: 1, Accepted: 1)),
            new("retell", Monday.PlusDays(1), new IngestCounts(Rated: 4, Duplicates: 1)),
        ];

        var report = IngestCountReport.Of(Monday, Monday.PlusDays(1), null, parts);

        report.Days.ShouldBe(
        [
            new IngestCounter("asterisk", Monday, new IngestCounts(Received: 100, Quarantined: 2)),
            new IngestCounter("retell", Monday, new IngestCounts(Received: 5, Accepted: 4, Rejected: 1)),
            new IngestCounter("retell", Monday.PlusDays(1), new IngestCounts(Rated: 4, Duplicates: 1)),
        ]);
        report.Totals.ShouldBe(
        [
            new IngestSourceTotal("asterisk", new IngestCounts(Received: 100, Quarantined: 2)),
            new IngestSourceTotal("retell", new IngestCounts(Received: 5, Accepted: 4, Rejected: 1, Rated: 4, Duplicates: 1)),
        ]);
    }

    [Fact]
    public void Of_NoParts_IsEmpty()
    {
        var report = IngestCountReport.Of(Monday, Monday, "vapi", []);

        (report.Days.Count, report.Totals.Count, report.Source).ShouldBe((0, 0, "vapi"));
    }

    [Fact]
    public void Parse_NoDates_IsTodayOnly()
    {
        var (query, problems) = IngestCounterQuery.Parse(" retell ", null, null, Monday);

        problems.ShouldBeEmpty();
        query.ShouldBe(new IngestCounterQuery("retell", Monday, Monday));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-02", null)]
    [InlineData("2026-03-03", "2026-03-02", "from")]
    [InlineData("yesterday", null, "from")]
    [InlineData(null, "2026-02-30", "to")]
    [InlineData("2025-03-01", "2026-03-02", "from")]
    public void Parse_Range_IsValidOrNamesTheBadParameter(string? from, string? to, string? badField)
    {
        var (query, problems) = IngestCounterQuery.Parse(null, from, to, Monday);

        if (badField is null)
        {
            query.ShouldNotBeNull();
            query.Source.ShouldBeNull();
        }
        else
        {
            query.ShouldBeNull();
            problems.ShouldHaveSingleItem().Field.ShouldBe(badField);
        }
    }
}
