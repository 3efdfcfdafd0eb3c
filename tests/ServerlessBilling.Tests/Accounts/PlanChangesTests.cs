using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Rating;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>A plan document may add versions but not drop or move one an account on the plan bills by on its active days.</summary>
public class PlanChangesTests
{
    private static readonly PlanVersion January = new(new LocalDate(2026, 1, 1), 10m, 0m, [], new PerCallRounding());
    private static readonly PlanVersion April = January with { EffectiveFrom = new LocalDate(2026, 4, 1), PlatformFee = 12m };
    private static readonly PricePlan Plan = new("gold", "Gold", "USD", [January, April]);
    private static readonly BillingProfile Utc = new("UTC", 1, "USD");

    private readonly InMemoryAccountDirectory directory = new();
    private readonly InMemoryPlanCatalog catalog = new(Plan);
    private readonly PlanChanges changes;

    public PlanChangesTests() => changes = new PlanChanges(catalog, directory);

    [Theory]
    [InlineData("2026-01-01", "2026-03-01", "2026-04-01", false, "2026-01-01")] // drops January, which the account bills by
    [InlineData("2026-05-01", null, "2026-04-01", true, null)] // drops January, in force only before the account started
    [InlineData("2026-02-01", "2026-04-01", "2026-01-01", true, "2026-04-01")] // drops April: the account ended the day it starts
    [InlineData("2026-05-01", null, "2026-01-01", false, "2026-04-01")] // drops April, which the account bills by
    public async Task PutAsync_DroppingAVersion_ConflictOnlyWhenInForceOnAnActiveDay(string from, string? until, string kept, bool stored, string? dropped)
    {
        await directory.SetAsync(new Account("acme", "Acme", "gold", Utc) { ActiveFrom = Date(from), ActiveUntil = until is null ? null : Date(until) }, default);

        var put = await changes.PutAsync(Plan with { Versions = [Plan.Versions.Single(v => v.EffectiveFrom == Date(kept))] }, null, default);

        put.Succeeded.ShouldBe(stored);
        (await catalog.FindAsync("gold", default))!.Versions.Count.ShouldBe(stored ? 1 : 2);
        if (!stored)
        {
            (put.Problem!.Kind, put.Problem.Title).ShouldBe((ProblemKind.Conflict,
                $"Plan 'gold' drops or moves the version(s) from {dropped} that account(s) 'acme' bill by on their active days; keep them, or move the accounts first"));
        }
    }

    [Fact]
    public async Task PutAsync_AddingAVersion_IsStoredWhoeverBillsByThePlan()
    {
        await directory.SetAsync(new Account("acme", "Acme", "gold", Utc), default);
        var july = April with { EffectiveFrom = new LocalDate(2026, 7, 1) };

        var put = await changes.PutAsync(Plan with { Versions = [January, April, july] }, null, default);

        put.Succeeded.ShouldBeTrue();
        (await catalog.FindAsync("gold", default))!.Versions.Select(v => v.EffectiveFrom).ShouldBe([January.EffectiveFrom, April.EffectiveFrom, july.EffectiveFrom]);
    }

    [Fact]
    public async Task PutAsync_TwelveAccountsRelying_NamesTenAndCountsTheRest()
    {
        for (var i = 0; i < 12; i++)
        {
            await directory.SetAsync(new Account($"acct-{i:D2}", "Relying", "gold", Utc), default);
        }

        await directory.SetAsync(new Account("other", "Other plan", "silver", Utc), default);

        var put = await changes.PutAsync(Plan with { Versions = [April] }, null, default);

        put.Problem!.Title.ShouldBe(
            "Plan 'gold' drops or moves the version(s) from 2026-01-01 that account(s) 'acct-00', 'acct-01', 'acct-02', 'acct-03', 'acct-04', "
            + "'acct-05', 'acct-06', 'acct-07', 'acct-08', 'acct-09' and 2 more bill by on their active days; keep them, or move the accounts first");
    }

    [Fact]
    public async Task PutAsync_AtAVersionThatMovedOn_IsStale()
    {
        var read = await catalog.FindVersionedAsync("gold", default);
        await catalog.SetAsync(Plan with { Name = "Moved on" }, default);

        var stale = await changes.PutAsync(Plan with { Name = "Stale" }, read!.Version, default);

        stale.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        (await catalog.FindAsync("gold", default))!.Name.ShouldBe("Moved on");
    }

    private static LocalDate Date(string value) => NodaTime.Text.LocalDatePattern.Iso.Parse(value).Value;
}
