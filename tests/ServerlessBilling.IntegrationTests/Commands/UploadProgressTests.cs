using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ServerlessBilling.IntegrationTests.Tax;
using ServerlessBilling.LocalHost.Commands;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>A verb that uploads a file shows its progress on standard error, in place on a terminal; redirected, as plain lines with no
/// escape codes, and standard output keeps only the verb's result.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UploadProgressTests(LocalHostFixture host, AzuriteFixture azurite) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task TaxTablesPut_Redirected_PrintsPlainProgressOnStandardError_WithoutEscapeCodes()
    {
        // A document of a made-up region of the test's own (only its document and clean-up are used, not a host of its own).
        var scenarios = new TaxNoticeScenarios(azurite, host: null!);
        var document = scenarios.Document(("U", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", null, "\"rate\": 0.01"))));
        var file = Path.Combine(Path.GetTempPath(), scenarios.Table + ".json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var run = await LocalHostProcess.RunAsync(["tax-tables", "put", file, "--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey]);

            run.ExitCode.ShouldBe(0, run.Errors);
            // The version is the stored blob's; the counts are the document's own (one rule in one jurisdiction), whatever other tables are stored meanwhile.
            run.Output.ShouldMatch($@"^Tax table '{Regex.Escape(scenarios.Table)}' stored \(version [0-9a-f]+\): 1 rule\(s\) in 1 jurisdiction\(s\); 0 held closes released\. It is in force on every instance within Tax__TableRefreshSeconds\.{Regex.Escape(Environment.NewLine)}$");
            var size = Encoding.UTF8.GetByteCount(document);
            run.Errors.ShouldBe($"Uploading {scenarios.Table}.json ({(size < 1024 ? $"{size} bytes" : string.Create(CultureInfo.InvariantCulture, $"{size / 1024.0:0.#} KB"))})...{Environment.NewLine}Uploading {scenarios.Table}.json: done.{Environment.NewLine}");
            (run.Output + run.Errors).ShouldNotContain("\u001b");
            (await host.Api.GetTaxTableAsync(scenarios.Table, CancellationToken.None)).ShouldBe(Encoding.UTF8.GetBytes(document));
        }
        finally
        {
            File.Delete(file);
            await scenarios.DeleteTableAsync();
        }
    }

    [Fact]
    public async Task RunAsync_Redirected_HandsOverTheWholeFile_AndPrintsTwoPlainLines()
    {
        var file = Path.GetTempFileName();
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(file, bytes);
        using var output = new StringWriter();
        try
        {
            var progress = new UploadProgress(output);
            var received = await progress.RunAsync(file, async stream =>
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                return copy.ToArray();
            });

            (progress.Interactive, received.SequenceEqual(bytes)).ShouldBe((false, true));
            var name = Path.GetFileName(file);
            output.ToString().ShouldBe($"Uploading {name} (293 KB)...{Environment.NewLine}Uploading {name}: done.{Environment.NewLine}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
