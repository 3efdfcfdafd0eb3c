using System.Text.Json;
using NodaTime;
using ServerlessBilling.IntegrationTests.Commands;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary><c>tax-tables put|list|freshness --json</c> as a script runs them: the built tool against a running host, standard output one
/// JSON document each, an upload's progress on standard error.</summary>
public sealed partial class TaxTablesApiTests
{
    [Fact]
    public async Task TaxTablesVerb_Json_PutListAndFreshnessPrintOnlyJsonOnStdout()
    {
        var endsSoon = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(10).ToString("yyyy-MM-dd", null);
        var file = Path.Combine(Path.GetTempPath(), name + ".json");
        await File.WriteAllTextAsync(file, Document(Version("2020-01-01", endsSoon, 0.01m)));
        string[] running = ["--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey];
        try
        {
            var put = await LocalHostProcess.RunAsync(["tax-tables", "put", "--json", file, .. running]);
            var list = await LocalHostProcess.RunAsync(["tax-tables", "list", "--json", .. running]);
            var freshness = await LocalHostProcess.RunAsync(["tax-tables", "freshness", "--json", .. running]);

            put.ExitCode.ShouldBe(0, put.Errors);
            var stored = JsonDocument.Parse(put.Output).RootElement;
            var listing = JsonDocument.Parse(list.Output).RootElement;
            var documents = listing.GetProperty("documents").EnumerateArray().ToList();
            (stored.GetProperty("name").GetString(), stored.GetProperty("closesWoken").GetInt32()).ShouldBe((name, 0));
            stored.GetProperty("version").GetString().ShouldBe((await GetTaggedAsync(name)).ETag!.Trim('"'));
            // The document's own rule and jurisdiction, not the count of every table in force.
            (stored.GetProperty("rules").GetInt32(), stored.GetProperty("jurisdictions").GetInt32()).ShouldBe((1, 1));
            put.Errors.ShouldContain($"Uploading {name}.json");

            list.ExitCode.ShouldBe(0, list.Errors);
            var mine = documents.Single(d => d.GetProperty("name").GetString() == name);
            (mine.GetProperty("origin").GetString(), mine.GetProperty("rules").EnumerateArray().Single().GetString()).ShouldBe(("stored", "zz-platform-tax"));

            freshness.ExitCode.ShouldBe(1, freshness.Errors);
            var report = JsonDocument.Parse(freshness.Output).RootElement;
            report.GetProperty("horizonDays").GetInt32().ShouldBe(45);
            var expiring = report.GetProperty("expiring").EnumerateArray().Single(r => r.GetProperty("ruleKey").GetString() == "zz-platform-tax");
            (expiring.GetProperty("table").GetString(), expiring.GetProperty("coveredUntil").GetString()).ShouldBe((name, endsSoon));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
