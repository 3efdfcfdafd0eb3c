using System.Text.Json;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The verbs' command line as an operator meets it: help for every verb, refusals that say what is wrong with exit code 2
/// and no stack trace, and machine output alone on stdout.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> Verbs() =>
    [
        "serve", "close-due", "demo", "rate", "quote", "close-bench", "ingest-bench", "load", "openapi", "health", "counters", "cdr-file", "close", "credit-note", "credit-note issue",
        "credit-note list", "payment", "payment-migration", "ar-aging", "quarantine", "quarantine list", "quarantine replay", "webhooks", "webhooks list",
        "webhooks deliveries", "webhooks redeliver", "identity-backfill", "source-index-backfill", "reconcile", "reconcile-bench", "tax-report",
        "tax-tables", "tax-tables list", "tax-tables put", "tax-tables freshness",
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_EveryVerb_PrintsItsUsageAndExitsZero(string verb)
    {
        var run = await LocalHostProcess.RunAsync([.. verb.Split(' '), "--help"]);

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain($"sbill {verb}");
        run.Errors.ShouldBeEmpty();
    }

    /// <summary>Every verb that prints a result; <c>serve</c> and <c>demo</c> print a narrative, <c>openapi</c> is JSON already, and the
    /// benches and <c>load</c> print tables for a person comparing runs (docs/command-line.md says so).</summary>
    public static TheoryData<string> VerbsWithAResult() =>
    [
        "rate", "quote", "close-due", "health", "counters", "cdr-file", "close", "credit-note issue", "credit-note list", "payment", "payment-migration",
        "ar-aging", "quarantine list", "quarantine replay", "webhooks list", "webhooks deliveries", "webhooks redeliver", "identity-backfill",
        "source-index-backfill", "reconcile", "tax-report", "tax-tables list", "tax-tables put", "tax-tables freshness",
    ];

    [Theory]
    [MemberData(nameof(VerbsWithAResult))]
    public async Task Help_EveryVerbWithAResult_OffersJson(string verb)
    {
        var run = await LocalHostProcess.RunAsync([.. verb.Split(' '), "--help"]);

        run.ExitCode.ShouldBe(0);
        run.Output.ShouldContain("--json");
    }

    [Theory]
    [InlineData("reconcile", "twilio", "2026-11", "samples/no-such-statement.csv", "--format", "twilio-calls")]
    [InlineData("tax-report", "form-499a", "2026", "--format", "json")]
    public async Task FormatNamingAnInputOrJson_IsRefusedAsUnknown(params string[] args)
    {
        // reconcile's statement format is --input-format and tax-report's JSON is --json, as on every other verb: --format is always an
        // output format, and these two have none to choose.
        var run = await LocalHostProcess.RunAsync([.. args, "--key", "k", "--url", "http://127.0.0.1:9/"]);

        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith("error: Unknown option 'format'");
        run.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rate_MisspelledOption_IsRefusedNamingIt()
    {
        // Observed: --zon was silently ignored and the calls were rated in UTC.
        var run = await LocalHostProcess.RunAsync(["rate", "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", "--zon", "America/Chicago"]);

        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldContain("Unknown option 'zon'");
        run.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rate_UnknownZone_IsRefusedWithAMessageAndNoStackTrace()
    {
        // Observed: a bad zone died with a stack trace, exit code 134.
        var run = await LocalHostProcess.RunAsync(["rate", "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", "--zone", "America/Chikago"]);

        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith("error: --zone: 'America/Chikago' is not an IANA time zone");
        run.Errors.ShouldNotContain(" at ");
    }

    [Theory]
    [InlineData("quote", "--accounts", "many")]
    [InlineData("rate", "--format", "xml")]
    [InlineData("rate", "--input-format", "cisco")]
    public async Task OfflineVerb_BadValue_IsRefusedWithExitCodeTwo(string verb, string option, string value)
    {
        var run = await LocalHostProcess.RunAsync([verb, "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", option, value]);

        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith("error: ");
        run.Errors.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task Rate_Json_IsTheOnlyThingOnStdout()
    {
        var run = await LocalHostProcess.RunAsync(["rate", "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", "--zone", "America/Chicago", "--json"]);

        run.ExitCode.ShouldBe(0);
        var report = JsonDocument.Parse(run.Output).RootElement;
        report.GetProperty("totals").GetProperty("calls").GetInt32().ShouldBe(5);
        report.GetProperty("totals").GetProperty("amount").GetDecimal().ShouldBe(0.7095m);
    }

    [Fact]
    public async Task PaymentMigration_MissingFile_IsRefusedNamingTheOption()
    {
        var run = await LocalHostProcess.RunAsync(["payment-migration", "--from", "authorizenet", "--to", "stripe", "--file", "samples/no-such-map.csv", "--key", "k"]);

        run.ExitCode.ShouldBe(2);
        run.Errors.ShouldStartWith("error: --file: 'samples/no-such-map.csv' does not exist.");
        run.Output.ShouldBeEmpty();
    }
}
