using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;
using ServerlessBilling.Tax.Avalara;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>The AvaTax for Communications calculator against a test server that speaks the service's documented shapes: what it
/// sends for each kind of charge, how the taxes it gets back become tax lines, and what an error or an outage becomes.</summary>
public sealed class AfcTaxCalculatorTests : IAsyncLifetime
{
    private AfcTestServer server = null!;

    public async Task InitializeAsync() => server = await AfcTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Calculate_EachComponent_SentAsItsTransactionServicePair_WithTheAuthHeaders()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        await calculator.CalculateAsync(AfcScenario.Request("acct-pairs"), CancellationToken.None);

        server.Refused.ShouldBe(0);
        var body = server.Requests.ShouldHaveSingleItem();
        var company = body["cmpn"]!;
        (company["bscl"]!.GetValue<int>(), company["svcl"]!.GetValue<int>(), company["fclt"]!.GetValue<bool>(), company["reg"]!.GetValue<bool>()).ShouldBe((1, 0, false, false));
        body["sovr"].ShouldBeNull();
        var invoice = body["inv"]!.AsArray().ShouldHaveSingleItem()!;
        (invoice["doc"]!.GetValue<string>(), invoice["cmmt"]!.GetValue<bool>(), invoice["cust"]!.GetValue<int>(), invoice["date"]!.GetValue<string>(), invoice["invm"]!.GetValue<bool>(), invoice["dtl"]!.GetValue<bool>())
            .ShouldBe(("acct-pairs:2026-11-01", false, 1, "2026-11-01T12:00:00Z", true, true));
        var bill = invoice["bill"]!;
        (bill["ctry"]!.GetValue<string>(), bill["addr"]!.GetValue<string>(), bill["city"]!.GetValue<string>(), bill["st"]!.GetValue<string>(), bill["zip"]!.GetValue<string>(), bill["geo"]!.GetValue<bool>())
            .ShouldBe(("USA", "1 Pike St", "Seattle", "WA", "98101", true));

        // The AI platform is not telecom: without a pair for it, it is not sent (untaxed, as the built-in tables leave it).
        invoice["itms"]!.AsArray().Select(Sent).ToList().ShouldBe(
        [
            ("1", 19, 49, 100m, 2000m, 0, 1, false),
            ("2", 19, 51, 10m, 50m, 0, 1, false),
            ("3", 19, 6, 20m, 0m, 0, 1, false),
            ("L1", 19, 21, 0m, 0m, 3, 1, false),
        ]);
        invoice["itms"]![0]!["to"]!["zip"]!.GetValue<string>().ShouldBe("98101");
    }

    [Fact]
    public async Task Calculate_AccountWithPcode_SentAsPcdInsteadOfTheAddress_AnItemElsewhereStillGeocoded()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));
        var portland = new Accounts.PostalAddress("9 Oak St", "Portland", "OR", "97201", "US");
        var request = AfcScenario.Request("acct-pcode", items: [AfcScenario.Invoice[0], AfcScenario.Invoice[2] with { ServiceAddress = portland }]) with { Pcode = 2502500 };

        await calculator.CalculateAsync(request, CancellationToken.None);

        var invoice = server.Requests.ShouldHaveSingleItem()["inv"]![0]!;
        invoice["bill"]!.ToJsonString().ShouldBe("""{"pcd":2502500}""");
        var items = invoice["itms"]!.AsArray();
        items.Select(i => (i!["ref"]!.GetValue<string>(), i["from"]!.ToJsonString(), i["to"]!.ToJsonString())).ToList().ShouldBe(
        [
            ("1", """{"pcd":2502500}""", """{"pcd":2502500}"""),
            ("2", """{"ctry":"USA","geo":true,"addr":"9 Oak St","city":"Portland","st":"OR","zip":"97201"}""",
                """{"ctry":"USA","geo":true,"addr":"9 Oak St","city":"Portland","st":"OR","zip":"97201"}"""),
            ("L1", """{"pcd":2502500}""", """{"pcd":2502500}"""),
        ]);
    }

    [Fact]
    public async Task Calculate_NonTelecomPairSet_AiPlatformSentAsThatPairAndTaxedAsNonTelecom()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint, nonTelecom: new AfcProductPair(34, 106)));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-ai"), CancellationToken.None);

        Sent(server.Requests.Single()["inv"]![0]!["itms"]![3]).ShouldBe(("4", 34, 106, 50m, 0m, 0, 1, false));
        var sales = result.Lines.Single(l => l.Reference == "AI agent platform");
        (sales.Label, sales.Rate, sales.TaxableBase, sales.Amount.Amount, sales.BaseCategory, sales.Level, sales.ReportedToJurisdiction)
            .ShouldBe(("Sales Tax", AfcTestRates.SalesTax, 50m, 3.00m, Form499Category.NonTelecom, JurisdictionLevel.State, (bool?)false));
    }

    [Fact]
    public async Task Calculate_MultiTaxResponse_EveryBillableTaxALine_TaxOnTaxKeepsItsBase_PerLineRounding()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-multi"), CancellationToken.None);

        result.Notices.ShouldBeEmpty();
        result.Lines.Select(l => (l.Reference, l.Label, l.Amount.Amount)).ToList().ShouldBe(
        [
            ("Calls", "FCC Regulatory Fee (VoIP)", 0.20m),      // 64.90 x 0.302 % = 0.195998
            ("Calls", "FUSF (VoIP)", 23.43m),                   // (64.90 + 0.195998) x 36 % = 23.43455928
            ("Calls", "Excise Tax", 2.50m),
            ("International calls", "Sales Tax", 0.60m),
            ("Numbers", "FCC Regulatory Fee (VoIP)", 0.04m),    // 12.98 x 0.302 % = 0.0391996
            ("Numbers", "FUSF (VoIP)", 4.69m),                  // (12.98 + 0.0391996) x 36 % = 4.686911856
            ("Numbers", "Excise Tax", 0.50m),                   // the gross receipts tax the seller bears is not billed
            (null, "E911 (VoIP)", 2.25m),                       // 3 channels x 0.75
        ]);

        var fusf = result.Lines[1];
        (fusf.RuleKey, fusf.Jurisdiction, fusf.JurisdictionName, fusf.Level, fusf.Kind, fusf.TaxableBase, fusf.Rate, fusf.Unrounded, fusf.BaseCategory)
            .ShouldBe(("afc-162-0-0", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, 65.095998m, 0.36m, 23.43455928m, Form499Category.EndUserTelecom));
        var excise = result.Lines[2];
        (excise.Jurisdiction, excise.JurisdictionName, excise.Level, excise.Kind).ShouldBe(("US-WA-PCODE-2502500", "WA", JurisdictionLevel.State, TaxKind.SalesOrCommunicationsTax));
        var e911 = result.Lines[7];
        (e911.JurisdictionName, e911.Level, e911.Kind, e911.Rate, e911.UnitAmount, e911.Units, e911.TaxableBase)
            .ShouldBe(("Seattle, WA", JurisdictionLevel.City, TaxKind.Emergency911, (decimal?)null, (decimal?)0.75m, 3m, 0m));
        result.Total("USD").Amount.ShouldBe(34.21m);
    }

    [Fact]
    public async Task Calculate_PerInvoiceRounding_OneTaxOverSeveralCharges_SummedThenRoundedOnce()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint), TaxSettings.Default with { Rounding = TaxRounding.PerInvoice });

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-invoice"), CancellationToken.None);

        result.Lines.Select(l => (l.Reference, l.Label, l.Amount.Amount)).ToList().ShouldBe(
        [
            (null, "FCC Regulatory Fee (VoIP)", 0.24m),     // 0.195998 + 0.0391996 = 0.2351976
            (null, "FUSF (VoIP)", 28.12m),                  // 23.43455928 + 4.686911856 = 28.121471136
            (null, "Excise Tax", 3.00m),
            ("International calls", "Sales Tax", 0.60m),
            (null, "E911 (VoIP)", 2.25m),
        ]);
    }

    [Fact]
    public async Task Calculate_CreditUnderResaleAndTrafficStudy_SentAsWholesaleAdjustmentWithTheOverride()
    {
        var settings = new TaxSettings([InterstateAllocation.TrafficStudy(new LocalDate(2020, 1, 1), 0.25m)], Rounding: TaxRounding.PerLine);
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint), settings);
        var certificate = new ResellerCertificate("812345", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));

        var result = await calculator.CalculateAsync(
            AfcScenario.Request("acct-credit", [certificate], null, new TaxableItem("Call credit", ProductCategory.InterconnectedVoipUsage, new Money(-5m, "USD"))),
            CancellationToken.None);

        var body = server.Requests.Single();
        var sovr = body["sovr"]!.AsArray().ShouldHaveSingleItem()!;
        (sovr["sh"]!.GetValue<int>(), sovr["old"]!.GetValue<decimal>(), sovr["new"]!.GetValue<decimal>()).ShouldBe((2, 0.649m, 0.25m));
        body["inv"]![0]!["itms"]!.AsArray().Select(Sent).ToList().ShouldBe([("1", 19, 49, 5m, 0m, 0, 0, true), ("L1", 19, 21, 0m, 0m, 3, 0, false)]);
        var fusf = result.Lines.Single(l => l.Kind == TaxKind.FederalUsfRecovery);
        (fusf.TaxableBase, fusf.Amount.Amount, fusf.BaseCategory).ShouldBe((1.25377500m, -0.45m, Form499Category.CarriersCarrier)); // -(1.25 + 0.003775) x 36 %
    }

    [Fact]
    public async Task Calculate_ErrorResponse_EveryErrorANotice_TheTaxesAnsweredKept_AndTheCloseHolds()
    {
        server.Script("acct-error", HttpStatusCode.OK, """
            {
              "inv": [ {
                "doc": "acct-error:2026-11-01",
                "itms": [
                  { "ref": "1", "err": [ { "code": 1003, "msg": "Invalid or missing ZIP code" } ] },
                  { "ref": "3", "txs": [ { "bill": true, "cmpl": true, "tm": 20, "calc": 1, "cat": "EXCISE TAXES", "name": "Excise Tax", "exm": 0, "lns": 0, "min": 0, "pcd": 2502500, "rate": 0.025, "sur": false, "tax": 0.5, "lvl": 1, "tid": 5 } ] }
                ],
                "err": [ { "code": -1100, "msg": "Invoice has line items with errors" } ]
              } ]
            }
            """);
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-error"), CancellationToken.None);

        result.Notices.Select(n => (n.RuleKey, n.Reason, n.Detail, n.Date)).ToList().ShouldBe(
        [
            ("avalara-communications", TaxNoticeReason.ServiceError, "error -1100: Invoice has line items with errors", "2026-11-01"),
            ("avalara-communications", TaxNoticeReason.ServiceError, "error 1003: Invalid or missing ZIP code on 'Calls'", "2026-11-01"),
        ]);
        result.Lines.Select(l => (l.Reference, l.Label, l.Amount.Amount)).ShouldBe([("Numbers", "Excise Tax", 0.50m)]);

        TaxDataOptions.Default.Holding(result.Notices).ShouldBe(result.Notices);
        (TaxDataOptions.Default with { MissingRate = MissingTaxRate.Warn }).Holding(result.Notices).ShouldBeEmpty();
        TaxDataHold.For(result.Notices, TaxDataOptions.Default).RecheckSeconds.ShouldBe(300);
    }

    [Fact]
    public async Task Calculate_ServiceFails_NoTaxes_AServiceUnavailableNoticeThatHolds()
    {
        server.Script("acct-down", HttpStatusCode.ServiceUnavailable);
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-down"), CancellationToken.None);

        result.Lines.ShouldBeEmpty();
        var notice = result.Notices.ShouldHaveSingleItem();
        (notice.RuleKey, notice.Reason, notice.Detail).ShouldBe(("avalara-communications", TaxNoticeReason.ServiceUnavailable, "the tax service failed (HTTP 503)"));
        TaxDataOptions.Default.Holding(result.Notices).ShouldBe([notice]);
    }

    [Fact]
    public async Task Calculate_ServiceUnreachable_ServiceUnavailableNotice()
    {
        var closed = new Uri($"http://127.0.0.1:{ServerlessBilling.LocalHost.Hosting.LoopbackPorts.Free()}/");
        var calculator = AfcScenario.Calculator(AfcScenario.Options(closed));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-unreachable"), CancellationToken.None);

        result.Lines.ShouldBeEmpty();
        var notice = result.Notices.ShouldHaveSingleItem();
        notice.Reason.ShouldBe(TaxNoticeReason.ServiceUnavailable);
        notice.Detail.ShouldStartWith("could not reach the tax service: ");
    }

    [Fact]
    public async Task Calculate_WrongCredentials_RefusedByTheService_NoticeNamesTheSettingsNotTheSecret()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint, password: "wrong-password"));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-auth"), CancellationToken.None);

        server.Refused.ShouldBe(1);
        server.Requests.ShouldBeEmpty();
        var notice = result.Notices.ShouldHaveSingleItem();
        (notice.Reason, notice.Detail).ShouldBe((TaxNoticeReason.ServiceUnavailable,
            "the tax service refused the credentials (HTTP 401); check Tax:Avalara:Username, Password and ClientId"));
    }

    [Fact]
    public async Task Calculate_ChannelsUnknownAndAn988Exemption_LinesPerNumberAndTheUnsentExemptionNoticed()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));
        var exemption = new TaxExemption(TaxKind.Crisis988, null, new LocalDate(2026, 1, 1), null, "exempt-988-42.pdf");
        var request = AfcScenario.Request("acct-lines", null, [exemption]) with { Lines = [new(AfcScenario.Seattle, 4, null, null)] };

        var result = await calculator.CalculateAsync(request, CancellationToken.None);

        var invoice = server.Requests.Single()["inv"]![0]!;
        invoice["itms"]![3]!["line"]!.GetValue<int>().ShouldBe(4);
        invoice["exms"]!.AsArray().ShouldBeEmpty();
        result.Notices.Select(n => (n.Reason, n.Detail)).ToList().ShouldBe(
        [
            (TaxNoticeReason.LineCountAssumed, "channel count unknown at Seattle, WA: sent 4 lines (one per number held); set the account's tax profile"),
            (TaxNoticeReason.ServiceError, "exemption exempt-988-42.pdf has no form the tax service documents and was not sent; taxes were computed without it"),
        ]);
        result.Lines.Single(l => l.Kind == TaxKind.Emergency911).Amount.Amount.ShouldBe(3.00m);
    }

    [Fact]
    public async Task Calculate_ExemptionsInForce_SentAsExms_TheServiceExemptsThem_EachNoticed()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint, nonTelecom: new AfcProductPair(34, 106)));
        var from = new LocalDate(2026, 1, 1);
        TaxExemption[] exemptions =
        [
            new(TaxKind.SalesOrCommunicationsTax, "US-WA", from, null, "wa-resale-7.pdf"),
            new(TaxKind.FederalUsfRecovery, null, from, null, "usf-exempt.pdf"),
            new(TaxKind.Crisis988, null, from, null, "988.pdf"),
            new(null, null, new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31), "expired.pdf"),
        ];

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-exempt", null, exemptions), CancellationToken.None);

        server.Requests.Single()["inv"]![0]!["exms"]!.ToJsonString().ShouldBe(
            """[{"loc":{"ctry":"USA","st":"WA"},"frc":false,"cat":1,"dom":1,"scp":1792,"exnb":false},"""
            + """{"loc":{"ctry":"USA"},"frc":false,"tpe":162,"dom":0,"scp":128,"exnb":false}]""");
        result.Notices.Select(n => (n.Reason, n.Detail)).ToList().ShouldBe(
        [
            (TaxNoticeReason.Exempt, "exemption wa-resale-7.pdf sent to the tax service"),
            (TaxNoticeReason.Exempt, "exemption usf-exempt.pdf sent to the tax service"),
            (TaxNoticeReason.ServiceError, "exemption 988.pdf has no form the tax service documents and was not sent; taxes were computed without it"),
        ]);

        // No FUSF and no sales tax (on the platform fee and the international calls); the fee, excise and E911 stay.
        result.Lines.Select(l => (l.Reference, l.Label, l.Amount.Amount)).ToList().ShouldBe(
        [
            ("Calls", "FCC Regulatory Fee (VoIP)", 0.20m),
            ("Calls", "Excise Tax", 2.50m),
            ("Numbers", "FCC Regulatory Fee (VoIP)", 0.04m),
            ("Numbers", "Excise Tax", 0.50m),
            (null, "E911 (VoIP)", 2.25m),
        ]);
    }

    [Fact]
    public async Task Calculate_Form499Split_ReadFromTheFederalTaxMeasuredOnTheInterstatePart()
    {
        // The service put 80 of the 100 of calls in the interstate measure; the numbers' only federal tax is a tax on tax, whose
        // measure does not split the charge, so they keep the safe harbor split.
        server.Script("acct-split", HttpStatusCode.OK, """
            {
              "inv": [ {
                "doc": "acct-split:2026-11-01",
                "itms": [
                  { "ref": "1", "txs": [ { "bill": true, "cmpl": true, "tm": 80, "calc": 1, "cat": "REGULATORY CHARGES", "cid": 6, "name": "FCC Regulatory Fee (VoIP)", "exm": 20, "lns": 0, "min": 0, "pcd": 0, "rate": 0.00302, "sur": false, "tax": 0.2416, "lvl": 0, "tid": 226 } ] },
                  { "ref": "3", "txs": [ { "bill": true, "cmpl": true, "tm": 13.0191996, "calc": 1, "cat": "CONNECTIVITY CHARGES", "cid": 5, "name": "FUSF (VoIP)", "exm": 7.02, "lns": 0, "min": 0, "pcd": 0, "rate": 0.36, "sur": false, "tax": 4.686911856, "lvl": 0, "tid": 162 } ] }
                ]
              } ]
            }
            """);
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-split"), CancellationToken.None);

        result.Revenue.ShouldBe(
        [
            new TaxedRevenue(0, ProductCategory.InterconnectedVoipUsage, Form499Category.EndUserTelecom, AllocationMethod.SafeHarbor, 80m, 0m, 20m),
            new TaxedRevenue(1, ProductCategory.InternationalVoipUsage, Form499Category.EndUserTelecom, AllocationMethod.SafeHarbor, 0m, 10m, 0m),
            new TaxedRevenue(2, ProductCategory.VoipAccess, Form499Category.EndUserTelecom, AllocationMethod.SafeHarbor, 12.98m, 0m, 7.02m),
            new TaxedRevenue(3, ProductCategory.AiPlatform, Form499Category.NonTelecom, AllocationMethod.SafeHarbor, 0m, 0m, 50m),
        ]);
    }

    [Fact]
    public async Task Calculate_Form499Split_TheRateSheetsAnswer_SafeHarborShareOfEachDomesticCharge()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var result = await calculator.CalculateAsync(AfcScenario.Request("acct-split-sheet"), CancellationToken.None);

        result.Revenue.Select(r => (r.ItemIndex, r.Interstate, r.International, r.Intrastate)).ToList()
            .ShouldBe([(0, 64.9m, 0m, 35.1m), (1, 0m, 10m, 0m), (2, 12.98m, 0m, 7.02m), (3, 0m, 0m, 50m)]);
    }

    [Fact]
    public async Task Commit_RunTwiceForOneNumber_OneCommittedTransactionUnderTheNumber_TheDraftStaysUncommitted()
    {
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));
        var request = AfcScenario.Request("acct-commit");
        var drafted = await calculator.CalculateAsync(request, CancellationToken.None);

        var first = await calculator.CommitAsync(request, "INV-000042", CancellationToken.None);
        var again = await calculator.CommitAsync(request, "INV-000042", CancellationToken.None);

        server.Transactions("acct-commit:2026-11-01").ShouldHaveSingleItem().Committed.ShouldBeFalse();
        var runs = server.Transactions("INV-000042");
        runs.Select(t => t.Committed).ShouldBe([false, true]);
        server.Commits.Select(c => (c["doc"]!.GetValue<string>(), c["cmmt"]!.GetValue<bool>())).ShouldBe([("INV-000042", false), ("INV-000042", false)]);
        var committed = runs[1].Invoice;
        (committed["doc"]!.GetValue<string>(), committed["cmmt"]!.GetValue<bool>(), committed["date"]!.GetValue<string>())
            .ShouldBe(("INV-000042", true, "2026-11-01T12:00:00Z"));
        committed["itms"]!.AsArray().Select(Sent).ShouldBe(server.Requests[0]["inv"]![0]!["itms"]!.AsArray().Select(Sent));
        (first.Total("USD").Amount, again.Total("USD").Amount).ShouldBe((drafted.Total("USD").Amount, 34.21m));
    }

    [Fact]
    public async Task Commit_ServiceDown_Throws_SoTheFinalizeStepIsRetried()
    {
        server.TakeDown("INV-000043");
        var calculator = AfcScenario.Calculator(AfcScenario.Options(server.Endpoint));

        var failure = await Should.ThrowAsync<TaxCommitException>(() => calculator.CommitAsync(AfcScenario.Request("acct-commit-down"), "INV-000043", CancellationToken.None).AsTask());

        failure.Message.ShouldBe("Invoice INV-000043 was not committed at the tax service: the tax service failed (HTTP 503).");
        server.Transactions("INV-000043").ShouldBeEmpty();
    }

    private static (string Ref, int Tran, int Serv, decimal Charge, decimal Minutes, int Lines, int Sale, bool Adjustment) Sent(JsonNode? item) =>
        (item!["ref"]!.GetValue<string>(), item["tran"]!.GetValue<int>(), item["serv"]!.GetValue<int>(), item["chg"]!.GetValue<decimal>(),
         item["min"]!.GetValue<decimal>(), item["line"]!.GetValue<int>(), item["sale"]!.GetValue<int>(), item["adj"]!.GetValue<bool>());
}
