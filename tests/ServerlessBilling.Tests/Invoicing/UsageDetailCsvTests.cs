using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

public class UsageDetailCsvTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);

    // Two included minutes of inbound calling, then overage at the rate deck's 0.012 per minute.
    private static readonly PricePlan BundledPlan = TestPlans.Standard with
    {
        Versions = [TestPlans.Standard.Versions[0] with { Bundles = [new Bundle("Two minutes", 2m, [UsageComponent.Telephony], CallDirection.Inbound)] }],
    };

    private static RatedUsage Rated(UsageEvent call, string? priorPeriod = null, PricePlan? plan = null) =>
        new(call, "acme", November.Key, Rater.Rate(call, plan ?? BundledPlan, TestPlans.Acme.Billing.Zone).Value) { PriorPeriodKey = priorPeriod };

    private static string Text(IReadOnlyList<RatedUsage> usage, PricePlan? plan = null)
    {
        plan ??= BundledPlan;
        var invoice = InvoiceBuilder.Build(TestPlans.Acme, plan, November, [], usage);
        using var writer = new StringWriter();
        UsageDetailCsv.WriteAsync(writer, invoice, TestPlans.Acme, plan, usage, CancellationToken.None).GetAwaiter().GetResult();
        return writer.ToString();
    }

    private static string[] Rows(IReadOnlyList<RatedUsage> usage, PricePlan? plan = null) =>
        Text(usage, plan).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Write_CallsAcrossTheBundle_ListsEachInStartOrderWithIncludedAndChargedSecondsThenTheTotal()
    {
        // 2026-11-10 15:00Z is 09:00 in Chicago (CST, -06:00). 90 s → 120 s billable, the whole bundle;
        // 150 s → 180 s, none left to include, so all charged at 0.012/min = 0.036, a line of 0.04.
        var usage = new[]
        {
            Rated(TestPlans.Call("second", Instant.FromUtc(2026, 11, 10, 16, 0), 150)),
            Rated(TestPlans.Call("first", Instant.FromUtc(2026, 11, 10, 15, 0), 90)),
        };

        var text = Text(usage);

        text.ShouldBe(string.Concat(
            UsageDetailCsv.Header, "\r\n",
            "first,2026-11-10 09:00:00 -06:00,Inbound,Telephony,+13125550142,+18885550100,90,120,0.012,0,0,0,USD,120,0,,\r\n",
            "second,2026-11-10 10:00:00 -06:00,Inbound,Telephony,+13125550142,+18885550100,150,180,0.012,0,0,0.036,USD,0,180,,\r\n",
            "total,,,,,,,,,,,0.04,USD,,,,\r\n"));
    }

    [Fact]
    public void Write_LateCallOfOctober_ComesLastWithItsPeriodAndDrawsNoBundle()
    {
        var usage = new[]
        {
            Rated(TestPlans.Call("late", Instant.FromUtc(2026, 10, 31, 15, 0), 60), "2026-10-01"),
            Rated(TestPlans.Call("now", Instant.FromUtc(2026, 11, 10, 15, 0), 60)),
        };

        var rows = Rows(usage);

        rows[1].ShouldStartWith("now,");
        rows[1].ShouldEndWith(",60,0,,");
        rows[2].ShouldStartWith("late,2026-10-31 10:00:00 -05:00,");
        rows[2].ShouldEndWith(",0.012,0,0,0.012,USD,0,60,2026-10-01,");
        rows[3].ShouldBe("total,,,,,,,,,,,0.01,USD,,,,");
    }

    [Fact]
    public async Task WriteConsolidated_TwoLocations_ListsEachLocationsCallsUnderItsName()
    {
        var downtown = TestPlans.Acme with { Id = "acme-downtown", Name = "Downtown", ParentAccountId = "acme" };
        var parent = new LocationBill(TestPlans.Acme, BundledPlan, [], [Rated(TestPlans.Call("own", Instant.FromUtc(2026, 11, 10, 15, 0), 60))]);
        var child = new LocationBill(downtown, BundledPlan, [], [Rated(TestPlans.Call("branch", Instant.FromUtc(2026, 11, 11, 15, 0), 30))]);
        var invoice = InvoiceBuilder.Build(TestPlans.Acme, BundledPlan, November, [], []);
        using var writer = new StringWriter();

        await UsageDetailCsv.WriteConsolidatedAsync(writer, invoice, [parent, child], CancellationToken.None);

        // Each location draws its own two-minute bundle: 60 s and 30 s (billed as 60 s) are both included.
        var rows = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(4);
        rows[1].ShouldStartWith("own,");
        rows[1].ShouldEndWith(",USD,60,0,,Acme Dental");
        rows[2].ShouldStartWith("branch,");
        rows[2].ShouldEndWith(",USD,60,0,,Downtown");
        rows[3].ShouldBe("total,,,,,,,,,,,0,USD,,,,");
    }

    [Fact]
    public void Write_HostileCallerId_IsNeutralized()
    {
        var call = TestPlans.Call("evil", Instant.FromUtc(2026, 11, 10, 15, 0), 60) with { From = "=cmd|' /C calc'!A0" };

        var rows = Rows([Rated(call)]);

        rows[1].Split(',')[4].ShouldBe("'=cmd|' /C calc'!A0");
    }

    [Theory]
    [InlineData("+13125550142", "+13125550142")] // valid E.164: as it is, no apostrophe
    [InlineData("+1555", "'+1555")] // starts like a formula and is no valid number: guarded as text
    [InlineData("-42", "'-42")]
    [InlineData("anonymous", "anonymous")]
    public void Write_CallerNumber_IsBareOnlyWhenItIsValidE164(string from, string cell)
    {
        var call = TestPlans.Call("c1", Instant.FromUtc(2026, 11, 10, 15, 0), 60) with { From = from };

        Rows([Rated(call)])[1].Split(',')[4].ShouldBe(cell);
    }

    [Fact]
    public void Write_FreeTextWithCommaQuoteAndLineBreak_IsQuotedWithQuotesDoubled()
    {
        var call = TestPlans.Call("a,\"b\"\r\nc", Instant.FromUtc(2026, 11, 10, 15, 0), 60);

        var text = Text([Rated(call)]);

        text.ShouldContain("\r\n\"a,\"\"b\"\"\r\nc\",2026-11-10 09:00:00 -06:00,");
    }

    [Fact]
    public void Write_OutboundAndUnansweredCalls_EachRowReconcilesToTheCent()
    {
        // Outbound 0.02/min, 30/6 increment, connect fee 0.001, attempt charge 0.0025 (TestPlans.Standard).
        // 45 s → 48 s: 48 / 60 × 0.02 + 0.001 = 0.017. 20 s → 30 s: 0.01 + 0.001 = 0.011. Unanswered: 0.0025.
        var usage = new[]
        {
            Rated(TestPlans.Call("out45", Instant.FromUtc(2026, 11, 10, 15, 0), 45, CallDirection.Outbound)),
            Rated(TestPlans.Call("out20", Instant.FromUtc(2026, 11, 10, 16, 0), 20, CallDirection.Outbound)),
            Rated(TestPlans.Call("missed", Instant.FromUtc(2026, 11, 10, 17, 0), 0, CallDirection.Outbound, answered: false)),
        };

        var rows = Rows(usage, TestPlans.Standard);

        rows[1].ShouldContain(",45,48,0.02,0.001,0,0.017,USD,0,48,");
        rows[2].ShouldContain(",20,30,0.02,0.001,0,0.011,USD,0,30,");
        rows[3].ShouldContain(",0,0,0.02,0,0.0025,0.0025,USD,0,0,");
        foreach (var row in rows[1..^1])
        {
            Reconciled(row, 6, RoundingMode.HalfUp).ShouldBe(Cell(row, Column.Amount));
        }

        // 0.017 + 0.011 + 0.0025 = 0.0305, one outbound line rounded half-up to 0.03.
        rows[^1].ShouldBe("total,,,,,,,,,,,0.03,USD,,,,");
    }

    [Theory]
    [InlineData(RoundingMode.HalfUp, "0.000001")] // 1 s × 0.00003 / 60 = 0.0000005, exactly half a unit of the sixth place
    [InlineData(RoundingMode.Down, "0")]
    public void Write_AmountAtTheRoundingEdge_ReconcilesWithThePlansPerCallRounding(RoundingMode mode, string amount)
    {
        var plan = new PricePlan("edge", "Edge", "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.00003m, new BillingIncrement(1, 1))], new PerCallRounding(6, mode)),
        ]);

        var row = Rows([Rated(TestPlans.Call("edge", Instant.FromUtc(2026, 11, 10, 15, 0), 1), plan: plan)], plan)[1];

        Cell(row, Column.Amount).ShouldBe(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
        Reconciled(row, 6, mode).ShouldBe(Cell(row, Column.Amount));
    }

    [Fact]
    public void Write_ManyCalls_TotalRowEqualsTheInvoicesUsageLines()
    {
        var usage = Enumerable.Range(0, 40).Select(i => Rated(
            TestPlans.Call($"c{i:D2}", Instant.FromUtc(2026, 11, 2, 15, 0).Plus(Duration.FromMinutes(i * 7)), 13 + (i * 37 % 290), i % 3 == 0 ? CallDirection.Outbound : CallDirection.Inbound),
            plan: TestPlans.Standard)).ToArray();
        var invoice = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, [], usage);

        var rows = Rows(usage, TestPlans.Standard);

        var usageLines = invoice.Lines.Where(l => l.Category == LineCategory.Usage).Sum(l => l.Amount.Amount);
        usageLines.ShouldBeGreaterThan(0m);
        Cell(rows[^1], Column.Amount).ShouldBe(usageLines);
        // Rounding each direction's rows to the cent, as the invoice groups them, gives the same total.
        rows[1..^1].GroupBy(r => r.Split(',')[2]).Sum(g => Math.Round(g.Sum(r => Cell(r, Column.Amount)), 2, MidpointRounding.AwayFromZero)).ShouldBe(usageLines);
        foreach (var row in rows[1..^1])
        {
            Reconciled(row, 6, RoundingMode.HalfUp).ShouldBe(Cell(row, Column.Amount));
        }
    }

    private enum Column
    {
        Rate = 8,
        ConnectFee = 9,
        AttemptCharge = 10,
        Amount = 11,
        ChargedSeconds = 14,
    }

    private static decimal Cell(string row, Column column) =>
        decimal.Parse(row.Split(',')[(int)column], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The documented formula: charged_seconds / 60 × rate_per_minute + connect_fee + attempt_charge, rounded per call.</summary>
    private static decimal Reconciled(string row, int decimals, RoundingMode mode) =>
        Rounding.Round(Cell(row, Column.ChargedSeconds) / 60m * Cell(row, Column.Rate) + Cell(row, Column.ConnectFee) + Cell(row, Column.AttemptCharge), decimals, mode);
}
