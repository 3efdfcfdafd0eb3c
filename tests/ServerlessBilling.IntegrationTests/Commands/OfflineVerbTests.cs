using System.Text.Json;
using ServerlessBilling.LocalHost.Commands;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The rate and quote verbs on files, as a reseller runs them.</summary>
public sealed class OfflineVerbTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rate-verb").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Rate_CsvOutput_PricesEachCallAndNeutralizesFormulaCells()
    {
        var plan = Write("plan.json", """
            {"name":"Verb","currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":0,"numberFee":0,
             "perCall":{"decimals":6,"mode":"HalfUp"},
             "usageRates":[{"component":"Telephony","direction":"Outbound","perMinute":0.06,"increment":"6/6"}]}]}
            """);
        var calls = Write("calls.jsonl", string.Join('\n',
            JsonSerializer.Serialize(new { eventId = "=cmd()", source = "t", sourceRecordId = "1", startedAt = "2026-11-03T15:00:00Z", durationSeconds = 61,
                direction = "Outbound", from = "+12125550100", to = "+14155550100", component = "Telephony", answered = true }),
            "{not json",
            JsonSerializer.Serialize(new { eventId = "in-1", source = "t", sourceRecordId = "2", startedAt = "2026-11-03T15:05:00Z", durationSeconds = 30,
                direction = "Inbound", from = "+14155550100", to = "+12125550100", component = "Telephony", answered = true })));
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = RateCommand.Run(new RateSettings { Plan = plan, Input = calls, Format = "csv" }, output, errors);

        exit.ShouldBe(1); // the inbound call has no rate
        var rows = output.ToString().Trim().Split('\n');
        rows.Length.ShouldBe(3);
        rows[1].ShouldStartWith("'=cmd(),"); // a formula is neutralized
        rows[1].ShouldContain(",'+14155550100,"); // and so is a leading +
        rows[1].ShouldContain(",61,66,"); // 61 s at 6/6 bills 66 s
        rows[1].ShouldContain(",0.066,USD,");
        rows[2].ShouldContain("no rate for Telephony Inbound");
        errors.ToString().ShouldContain("calls.jsonl#L2");
        errors.ToString().ShouldContain("2 calls, 0.066 USD, 1 unpriced");
    }

    [Fact]
    public void Rate_FreeSwitchFile_ReadsItsLocalTimesAndPricesIt()
    {
        var plan = Write("plan.json", """
            {"name":"Any","currency":"USD","versions":[{"effectiveFrom":"2024-01-01","platformFee":0,"numberFee":0,
             "perCall":{"decimals":6,"mode":"HalfUp"},
             "usageRates":[{"component":"Telephony","perMinute":0.012,"increment":"60/60"}]}]}
            """);
        var cdr = Write("Master.csv",
            "\"Alice\",\"13125550142\",\"18885550100\",\"public\",\"2024-11-14 16:14:15\",\"2024-11-14 16:14:19\",\"2024-11-14 16:15:42\",\"87\",\"83\",\"NORMAL_CLEARING\",\"a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d\",\"b61e0a22-e752-11e3-8bfc-65b6c3cdac7d\",\"r42\",\"PCMU\",\"PCMU\"\n");
        var output = new StringWriter();

        var exit = RateCommand.Run(
            new RateSettings { Plan = plan, Input = cdr, InputFormat = "freeswitch", Zone = "America/Chicago", Format = "csv" }, output, TextWriter.Null);

        exit.ShouldBe(0);
        var row = output.ToString().Trim().Split('\n')[1];
        row.ShouldContain("2024-11-14T22:14:15Z"); // 16:14:15 in Chicago
        row.ShouldContain(",83,120,");             // 83 s billed as 2 minutes
        row.ShouldContain(",0.024,USD,");
    }

    [Fact]
    public void Rate_PlanFileTheSchemaRefuses_IsRefusedNamingTheField()
    {
        // Read leniently, the rate row without perMinute would price its calls at 0.
        var plan = Write("free.json", """
            {"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":0,"numberFee":0,
             "perCall":{"decimals":6,"mode":"HalfUp"},
             "usageRates":[{"component":"Telephony","increment":"60/60"}]}]}
            """);

        var refused = Should.Throw<ArgumentException>(() => PlanFile.Read(plan));

        refused.Message.ShouldBe($"{plan} is not a valid plan document: versions[0].usageRates[0].perMinute: is required");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
