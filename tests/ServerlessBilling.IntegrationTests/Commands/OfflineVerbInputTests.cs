using System.Text.Json;
using ServerlessBilling.LocalHost.Commands;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>What <c>rate</c> and <c>quote</c> make of the lines a new user writes: either documented shape, missing fields, bad
/// lines among good ones, and the totals and notes machine output carries.</summary>
public sealed class OfflineVerbInputTests : IDisposable
{
    private const string Plan = """
        {"name":"Verb","currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":10,"numberFee":1,
         "perCall":{"decimals":6,"mode":"HalfUp"},
         "bundles":[{"name":"Included","includedMinutes":1,"components":["Telephony"],"overagePerMinute":0.05}],
         "usageRates":[{"component":"Telephony","direction":"Outbound","perMinute":0.06,"increment":"6/6"}]}]}
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("offline-input").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Rate_UsageEventWithoutAnswered_IsAnsweredWhenItHasSeconds()
    {
        // Observed: a 95 s call without "answered" billed 0 with exit code 0.
        var calls = Write("calls.jsonl", Event("e-1", 95, answered: null));
        var output = new StringWriter();

        var exit = RateCommand.Run(new RateSettings { Plan = Write("plan.json", Plan), Input = calls, Zone = "UTC", Format = "csv" }, output, TextWriter.Null);

        exit.ShouldBe(0);
        output.ToString().Trim().Split('\n')[1].ShouldContain(",95,96,"); // 95 s at 6/6 bills 96 s
        output.ToString().ShouldContain(",0.096,USD,");
    }

    [Fact]
    public void Rate_WebhookShapeLine_IsReadWithItsIdAndCost()
    {
        // Observed: the /webhooks/events shape crashed the table (NullReferenceException) and billed 0 in CSV.
        var calls = Write("calls.jsonl", """
            {"id":"c-1001","startedAt":"2026-01-05T14:03:00Z","durationSeconds":95,"direction":"outbound","from":"+13125550142","to":"+18885550100","component":"Telephony","cost":0.042,"currency":"USD"}
            """);
        var table = new StringWriter();
        var csv = new StringWriter();

        var tableExit = RateCommand.Run(new RateSettings { Plan = Write("plan.json", Plan), Input = calls, Zone = "UTC" }, table, TextWriter.Null);
        var csvExit = RateCommand.Run(new RateSettings { Plan = Write("plan.json", Plan), Input = calls, Zone = "UTC", Format = "csv" }, csv, TextWriter.Null);

        tableExit.ShouldBe(0);
        csvExit.ShouldBe(0);
        table.ToString().ShouldContain("events-c-1001");
        table.ToString().ShouldContain("0.096000");
        table.ToString().ShouldContain("0.054000"); // margin: 0.096 - 0.042
        csv.ToString().Trim().Split('\n')[1].ShouldBe("events-c-1001,2026-01-05T14:03:00Z,Outbound,'+13125550142,'+18885550100,95,96,Telephony Outbound,0.06,0.096,USD,0.042,0.054,");
    }

    [Fact]
    public void Rate_BadLinesAmongGoodOnes_EachNamesItsLineAndField_TheRestIsPriced_ExitCodeOne()
    {
        // Observed: a malformed line exited 0; a negative duration aborted the whole file with no line number.
        var calls = Write("calls.jsonl", string.Join('\n',
            Event("good-1", 60, answered: true),
            Event("negative", -5, answered: true),
            "{not json",
            JsonSerializer.Serialize(new { eventId = "no-to", startedAt = "2026-11-03T15:00:00Z", durationSeconds = 30, direction = "Outbound", from = "+12125550100", component = "Telephony" }),
            """{"id":"w-1","startedAt":"2026-11-03T15:00:00Z","durationSeconds":30,"direction":"sideways","from":"+12125550100","to":"+14155550100","component":"Telephony"}""",
            Event("good-2", 30, answered: true)));
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = RateCommand.Run(new RateSettings { Plan = Write("plan.json", Plan), Input = calls, Zone = "UTC", Json = true }, output, errors);

        exit.ShouldBe(1);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        report.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("eventId").GetString()).ShouldBe(["good-1", "good-2"]);
        report.GetProperty("badLines").EnumerateArray().Select(l => $"{l.GetProperty("line").GetInt64()} {l.GetProperty("field").GetString()}")
            .ShouldBe(["2 durationSeconds", "3 $", "4 to", "5 direction"]);
        errors.ToString().ShouldContain($"{calls}#L2: durationSeconds: must be a non-negative number of seconds");
        errors.ToString().ShouldContain($"{calls}#L4: to: is required");
        errors.ToString().ShouldContain($"{calls}#L5: direction:");
    }

    [Fact]
    public void Rate_Json_CarriesTheTotalsAndSaysBundlesAreNotApplied()
    {
        // Observed: the totals were printed on stderr only.
        var calls = Write("calls.jsonl", string.Join('\n', Event("a", 60, answered: true, cost: 0.01m), Event("b", 30, answered: true)));
        var output = new StringWriter();

        var exit = RateCommand.Run(new RateSettings { Plan = Write("plan.json", Plan), Input = calls, Zone = "UTC", Format = "json" }, output, TextWriter.Null);

        exit.ShouldBe(0);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        var totals = report.GetProperty("totals");
        totals.GetProperty("calls").GetInt32().ShouldBe(2);
        totals.GetProperty("priced").GetInt32().ShouldBe(2);
        totals.GetProperty("unpriced").GetInt32().ShouldBe(0);
        totals.GetProperty("badLines").GetInt32().ShouldBe(0);
        totals.GetProperty("amount").GetDecimal().ShouldBe(0.09m);   // 0.06 + 0.03
        totals.GetProperty("upstreamCost").GetDecimal().ShouldBe(0.01m);
        totals.GetProperty("margin").GetDecimal().ShouldBe(0.05m);   // only the call with a cost has a margin
        report.GetProperty("calls")[0].GetProperty("rate").GetString().ShouldBe("Telephony Outbound");
        report.GetProperty("note").GetString().ShouldBe(RateCommand.PerCallNote);
    }

    [Fact]
    public void Rate_NoZone_WarnsThatTimesAreRatedInUtc()
    {
        var errors = new StringWriter();

        RateCommand.Run(new RateSettings { Plan = Write("plan.json", Plan), Input = Write("calls.jsonl", Event("a", 60, answered: true)) }, TextWriter.Null, errors);

        errors.ToString().ShouldStartWith("warning: no --zone given: local times, time bands and the billing period are read in UTC.");
    }

    [Fact]
    public void Quote_Json_DrawsBundlesPerCallSaysTaxesAreExcludedAndMultipliesTheRoundedMargin()
    {
        // Two outbound minutes: the first is included by the 1-minute bundle, the second is charged at its overage price 0.05.
        var calls = Write("calls.jsonl", string.Join('\n', Event("a", 60, answered: true, cost: 0.013m), Event("b", 60, answered: true, cost: 0.013m)));
        var output = new StringWriter();

        var exit = QuoteCommand.Run(
            new QuoteSettings { Plan = Write("plan.json", Plan), Input = calls, Zone = "UTC", Accounts = 40, Numbers = 1, Json = true }, output, TextWriter.Null);

        exit.ShouldBe(0);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        report.GetProperty("calls").EnumerateArray().Select(c => $"{c.GetProperty("eventId").GetString()} {c.GetProperty("bundle").GetString()} {c.GetProperty("includedSeconds").GetInt32()} {c.GetProperty("chargedAmount").GetDecimal()}")
            .ShouldBe(["a Included 60 0", "b Included 0 0.05"]);
        var totals = report.GetProperty("total");
        totals.GetProperty("invoicePerAccount").GetDecimal().ShouldBe(11.05m); // 10 platform + 1 number + 0.05 overage
        totals.GetProperty("upstreamCostPerAccount").GetDecimal().ShouldBe(0.026m);
        totals.GetProperty("marginPerAccount").GetDecimal().ShouldBe(11.02m); // 11.024 rounded once
        totals.GetProperty("margin").GetDecimal().ShouldBe(440.80m);          // exactly 40 x 11.02
        report.GetProperty("taxesIncluded").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Quote_Text_SaysTaxesAreExcludedAndShowsTheMultiplication()
    {
        var output = new StringWriter();

        QuoteCommand.Run(new QuoteSettings { Plan = Write("plan.json", Plan), Input = Write("calls.jsonl", Event("a", 60, answered: true)), Zone = "UTC", Accounts = 40 }, output, TextWriter.Null);

        output.ToString().ShouldContain(QuoteCommand.TaxNote);
        output.ToString().ShouldContain("Margin for 40 accounts (40 x 11.00)");
        output.ToString().ShouldContain("440.00");
    }

    private static string Event(string id, int seconds, bool? answered, decimal? cost = null)
    {
        var fields = new Dictionary<string, object>
        {
            ["eventId"] = id, ["source"] = "t", ["sourceRecordId"] = id, ["startedAt"] = "2026-11-03T15:00:00Z", ["durationSeconds"] = seconds,
            ["direction"] = "Outbound", ["from"] = "+12125550100", ["to"] = "+14155550100", ["component"] = "Telephony",
        };
        if (answered is { } given)
        {
            fields["answered"] = given;
        }

        if (cost is { } amount)
        {
            fields["upstreamCost"] = new { amount, currency = "USD" };
        }

        return JsonSerializer.Serialize(fields);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
