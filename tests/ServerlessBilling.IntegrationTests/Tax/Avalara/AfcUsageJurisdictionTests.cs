using System.Text.Json.Nodes;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>Usage split by where its calls ran, sent to the AvaTax for Communications test server: each part as the guide's VoIP
/// usage service type for its jurisdiction (19/50 intrastate, 19/49 interstate, 19/51 international), the state's intrastate
/// taxes on the intrastate part only, and each part's Form 499-A split as it actually is.</summary>
public sealed class AfcUsageJurisdictionTests : IAsyncLifetime
{
    private AfcTestServer server = null!;

    public async Task InitializeAsync() => server = await AfcTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static readonly TaxableItem[] SplitUsage =
    [
        new("Inbound calling minutes, intrastate (8 calls)", ProductCategory.InterconnectedVoipUsage, new Money(40m, "USD"), Minutes: 800m, Jurisdiction: UsageJurisdiction.Intrastate),
        new("Inbound calling minutes, interstate (9 calls)", ProductCategory.InterconnectedVoipUsage, new Money(50m, "USD"), Minutes: 1000m, Jurisdiction: UsageJurisdiction.Interstate),
        new("Inbound calling minutes, international (2 calls)", ProductCategory.InterconnectedVoipUsage, new Money(10m, "USD"), Minutes: 50m, Jurisdiction: UsageJurisdiction.International),
        new("Inbound calling minutes (1 call)", ProductCategory.InterconnectedVoipUsage, new Money(6m, "USD"), Minutes: 120m),
    ];

    [Fact]
    public void Calculator_DeclaresItSplitsUsage_TheBuiltInEngineDoesNot()
    {
        ITaxCalculator afc = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));
        ITaxCalculator builtIn = new TableTaxCalculator(TaxTableLoader.LoadBundled(), TaxSettings.Default);

        (afc.SplitsUsageByJurisdiction, builtIn.SplitsUsageByJurisdiction).ShouldBe((true, false));
    }

    [Fact]
    public async Task Calculate_SplitUsage_EachPartSentAsItsJurisdictionsPair_UnknownStaysInterstateUsage()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        await calculator.CalculateAsync(AfcScenario.Request("acct-juris-sent", items: SplitUsage), CancellationToken.None);

        server.Requests.ShouldHaveSingleItem()["inv"]![0]!["itms"]!.AsArray().Select(Sent).ToList().ShouldBe(
        [
            ("1", 19, 50, 40m, 800m),
            ("2", 19, 49, 50m, 1000m),
            ("3", 19, 51, 10m, 50m),
            ("4", 19, 49, 6m, 120m),
            ("L1", 19, 21, 0m, 0m),
        ]);
    }

    [Fact]
    public async Task Calculate_SplitUsage_IntrastateDrawsStateTaxesOnly_InterstateTheFederalOnes()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-juris-taxes", items: SplitUsage), CancellationToken.None);

        result.Notices.ShouldBeEmpty();
        result.Lines.Select(l => (l.Reference, l.Label, l.Kind, l.Amount.Amount)).ToList().ShouldBe(
        [
            (SplitUsage[0].Reference, "Excise Tax", TaxKind.SalesOrCommunicationsTax, 1.00m),          // 40 x 2.5 %
            (SplitUsage[0].Reference, "State USF (VoIP)", TaxKind.StateUsf, 2.00m),                     // 40 x 5 %
            (SplitUsage[1].Reference, "FCC Regulatory Fee (VoIP)", TaxKind.FederalRecoveryFee, 0.10m), // 32.45 x 0.302 % = 0.097999
            (SplitUsage[1].Reference, "FUSF (VoIP)", TaxKind.FederalUsfRecovery, 11.72m),               // (32.45 + 0.097999) x 36 % = 11.71727964
            (SplitUsage[1].Reference, "Excise Tax", TaxKind.SalesOrCommunicationsTax, 1.25m),
            (SplitUsage[2].Reference, "Sales Tax", TaxKind.SalesOrCommunicationsTax, 0.60m),
            (SplitUsage[3].Reference, "FCC Regulatory Fee (VoIP)", TaxKind.FederalRecoveryFee, 0.01m), // 3.894 x 0.302 % = 0.011759880
            (SplitUsage[3].Reference, "FUSF (VoIP)", TaxKind.FederalUsfRecovery, 1.41m),                // (3.894 + 0.01175988) x 36 % = 1.4060735568
            (SplitUsage[3].Reference, "Excise Tax", TaxKind.SalesOrCommunicationsTax, 0.15m),
            (null, "E911 (VoIP)", TaxKind.Emergency911, 2.25m),                                          // 3 channels x 0.75
        ]);
    }

    [Fact]
    public async Task Calculate_SplitUsage_Form499SplitIsEachPartsActualJurisdiction_UnknownFromTheFederalMeasure()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-juris-499", items: SplitUsage), CancellationToken.None);

        result.Revenue.Select(r => (r.ItemIndex, r.Method, r.Interstate, r.International, r.Intrastate)).ToList().ShouldBe(
        [
            (0, AllocationMethod.Actual, 0m, 0m, 40m),
            (1, AllocationMethod.Actual, 50m, 0m, 0m),
            (2, AllocationMethod.Actual, 0m, 10m, 0m),
            (3, AllocationMethod.SafeHarbor, 3.894m, 0m, 2.106m),
        ]);
    }

    [Fact]
    public async Task Commit_SplitUsage_CommittedWithTheSamePairsAsTheDraft()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));
        var request = AfcScenario.Request("acct-juris-commit", items: SplitUsage);
        await calculator.CalculateAsync(request, CancellationToken.None);

        await calculator.CommitAsync(request, "INV-000077", CancellationToken.None);

        var committed = server.Transactions("INV-000077").ShouldHaveSingleItem();
        committed.Committed.ShouldBeTrue();
        committed.Invoice["itms"]!.AsArray().Select(Sent).ToList().ShouldBe(server.Requests[0]["inv"]![0]!["itms"]!.AsArray().Select(Sent).ToList());
        committed.Invoice["itms"]!.AsArray().Select(i => i!["serv"]!.GetValue<int>()).ShouldBe([50, 49, 51, 49, 21]);
    }

    private static (string Ref, int Tran, int Serv, decimal Charge, decimal Minutes) Sent(JsonNode? item) =>
        (item!["ref"]!.GetValue<string>(), item["tran"]!.GetValue<int>(), item["serv"]!.GetValue<int>(), item["chg"]!.GetValue<decimal>(), item["min"]!.GetValue<decimal>());
}
