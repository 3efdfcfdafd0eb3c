using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests;

/// <summary>CDR files of the newer formats dropped into <c>cdr-drops</c>, picked up by the local host's watcher and rated into the usage ledger.</summary>
[Collection(AzuriteCollection.Name)]
public class CdrDropIngestTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("cdr-plan", "CDR Voice", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 10m, NumberFee: 1m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task DropGzipTwilioExportAndFreeSwitchFile_RatesEveryCallIntoTheUsageLedgerOnce()
    {
        var account = new Account("cdr-" + Guid.NewGuid().ToString("N")[..8], "Drop Clinic", Plan.Id, new BillingProfile("Europe/Berlin", 1, "USD"));
        var number = UniqueBerlinNumber();
        var period = await SeedAsync(account, number);
        var day = period.Start.PlusDays(4);
        var tag = Guid.NewGuid().ToString("N");

        // Twilio: two completed inbound calls (one priced) and one busy attempt, in UTC.
        var utc = day.ToString("yyyy-MM-dd", null);
        var twilio = string.Join('\n',
            $$"""{"sid":"CA{{tag}}","from":"+13035550001","to":"{{number}}","status":"completed","direction":"inbound","start_time":"{{utc}}T09:00:00Z","duration":"61","price":"-0.0085","price_unit":"USD"}""",
            $$"""{"sid":"CB{{tag}}","from":"+13035550002","to":"{{number}}","status":"busy","direction":"inbound","start_time":"{{utc}}T09:05:00Z","duration":"0"}""",
            $$"""{"sid":"CC{{tag}}","from":"+13035550003","to":"{{number}}","status":"completed","direction":"inbound","start_time":"{{utc}}T09:10:00Z","duration":"30"}""");
        // FreeSWITCH, compiled-in template (stray space), Berlin local time: an inbound call and an outbound one; line 2 is broken.
        var local = day.ToString("yyyy-MM-dd", null);
        var freeSwitch = string.Join('\n',
            $"\"Caller\",\"+13035550004\",\"{number}\",\"public\",\"{local} 10:00:00\",\"{local} 10:00:02\",\"{local} 10:02:02\",\"122\",\"120\",\"NORMAL_CLEARING\",\"fs-in-{tag}\",\"\", \"r42\"",
            $"\"Broken\",\"+13035550005\"",
            $"\"Agent\",\"{number}\",\"+13035550006\",\"default\",\"{local} 11:00:00\",\"{local} 11:00:01\",\"{local} 11:00:46\",\"46\",\"45\",\"NORMAL_CLEARING\",\"fs-out-{tag}\",\"\", \"r42\"");

        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer);
        var twilioBlob = container.GetBlobClient($"twilio-bulkexport/{tag}.json.gz");
        var freeSwitchBlob = container.GetBlobClient($"freeswitch/Europe/Berlin/{tag}.csv");
        var twilioUpload = await twilioBlob.UploadAsync(new BinaryData(Gzip(twilio)));
        var freeSwitchUpload = await freeSwitchBlob.UploadAsync(BinaryData.FromString(freeSwitch));

        var usage = await WaitForUsageAsync(account.Id, period, expected: 5);
        usage.Select(u => u.Event.EventId).Order().ShouldBe(
            [$"freeswitch-fs-in-{tag}", $"freeswitch-fs-out-{tag}", $"twilio-CA{tag}", $"twilio-CB{tag}", $"twilio-CC{tag}"]);
        usage.Single(u => u.Event.EventId == $"twilio-CA{tag}").Event.UpstreamCost.ShouldBe(new Money(0.0085m, "USD"));
        usage.Single(u => u.Event.EventId == $"twilio-CB{tag}").Event.DurationSeconds.ShouldBe(0);
        usage.Single(u => u.Event.EventId == $"freeswitch-fs-in-{tag}").Event.StartedAt.ShouldBe(day.At(new LocalTime(10, 0)).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).ToInstant());

        var freeSwitchManifest = await WaitForManifestAsync(freeSwitchBlob.Name, freeSwitchUpload.Value.ETag);
        (freeSwitchManifest.Format, freeSwitchManifest.TimeZone, freeSwitchManifest.LinesRead, freeSwitchManifest.Queued, freeSwitchManifest.Quarantined)
            .ShouldBe(("freeswitch", "Europe/Berlin", 3L, 2L, 1L));
        var twilioManifest = await WaitForManifestAsync(twilioBlob.Name, twilioUpload.Value.ETag);
        (twilioManifest.Queued, twilioManifest.Quarantined).ShouldBe((3L, 0L));
        var quarantined = await host.Host.Services.GetRequiredService<IQuarantine>().ListAsync("freeswitch", CancellationToken.None);
        quarantined.ShouldContain(q => q.Reference == $"{freeSwitchBlob.Name}#L2" && q.Problem.Field == "line");

        // Dropped again: read in full as a new upload, billed once.
        var again = await freeSwitchBlob.UploadAsync(BinaryData.FromString(freeSwitch), overwrite: true);
        (await WaitForManifestAsync(freeSwitchBlob.Name, again.Value.ETag)).Queued.ShouldBe(2);
        (await WaitForUsageAsync(account.Id, period, expected: 5)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task DropFileWithDuplicateUnattributedAndBadLines_CdrFileRouteReportsExactCounts()
    {
        var account = new Account("cdrm-" + Guid.NewGuid().ToString("N")[..8], "Manifest Clinic", Plan.Id, new BillingProfile("Europe/Berlin", 1, "USD"));
        var number = UniqueBerlinNumber();
        var nobody = UniqueBerlinNumber();
        var period = await SeedAsync(account, number);
        var local = period.Start.PlusDays(3).ToString("yyyy-MM-dd", null);
        var tag = Guid.NewGuid().ToString("N");
        string Line(string id, string from, string to, string context = "public") =>
            $"\"Caller\",\"{from}\",\"{to}\",\"{context}\",\"{local} 10:00:00\",\"{local} 10:00:02\",\"{local} 10:02:02\",\"122\",\"120\",\"NORMAL_CLEARING\",\"{id}-{tag}\",\"\", \"r42\"";
        var file = string.Join('\n',
            Line("in", "+13035550004", number),
            Line("in", "+13035550004", number), // the same call again: billed once
            Line("nobody", "+13035550005", nobody), // a number no account holds
            "\"Broken\",\"+13035550005\"",
            Line("out", number, "+13035550006", context: "default"));
        var blob = azurite.Blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient($"freeswitch/Europe/Berlin/manifest-{tag}.csv");
        await blob.UploadAsync(BinaryData.FromString(file));

        var status = await WaitForRatedFileAsync(blob.Name);

        (status.LinesRead, status.Queued, status.Accepted, status.Duplicates, status.Quarantined, status.Unattributed, status.Unpriced)
            .ShouldBe((5L, 4L, 2L, 1L, 1L, 1L, 0L));
        (await WaitForUsageAsync(account.Id, period, expected: 2)).Count.ShouldBe(2);
        var printed = new StringWriter();
        await CdrFileCommand.RunAsync(host.Api, [blob.Name], printed, CancellationToken.None);
        printed.ToString().ShouldContain("lines read 5, queued 4, accepted 2, duplicate 1, quarantined 1, unattributed 1, unpriced 0, pending 0");
        var json = new StringWriter();
        await CdrFileCommand.RunAsync(host.Api, ["--json", blob.Name], json, CancellationToken.None);
        var version = System.Text.Json.JsonDocument.Parse(json.ToString()).RootElement.EnumerateArray().ShouldHaveSingleItem();
        (version.GetProperty("file").GetString(), version.GetProperty("format").GetString(), version.GetProperty("linesRead").GetInt64(),
                version.GetProperty("queued").GetInt64(), version.GetProperty("accepted").GetInt64(), version.GetProperty("duplicates").GetInt64())
            .ShouldBe((blob.Name, status.Format, 5L, 4L, 2L, 1L));
        await Should.ThrowAsync<HttpRequestException>(() => host.Api.GetCdrFileAsync($"freeswitch/never-{tag}.csv", CancellationToken.None));
    }

    [Fact]
    public async Task SameCallByTwilioWebhookAndInABulkExportFile_IsOneEventBilledOnce()
    {
        var account = new Account("cdr-" + Guid.NewGuid().ToString("N")[..8], "Twice Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        var number = UniqueBerlinNumber();
        var period = await SeedAsync(account, number);
        var started = period.Start.PlusDays(6).AtStartOfDayInZone(DateTimeZone.Utc).PlusHours(9);
        var sid = "CA" + Guid.NewGuid().ToString("N");
        using var callback = await host.Api.PostTwilioCallbackAsync(
        [
            new("CallSid", sid), new("CallStatus", "completed"), new("CallDuration", "61"), new("Direction", "inbound"),
            new("From", "+13035550007"), new("To", number),
            new("Timestamp", started.ToDateTimeOffset().AddSeconds(61).ToString("r", System.Globalization.CultureInfo.InvariantCulture)),
        ], host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);
        callback.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await WaitForUsageAsync(account.Id, period, expected: 1);

        var export = $$"""{"sid":"{{sid}}","from":"+13035550007","to":"{{number}}","status":"completed","direction":"inbound","start_time":"{{started.ToInstant()}}","duration":"61","price":"-0.0085","price_unit":"USD"}""";
        var blob = azurite.Blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient($"twilio-bulkexport/{sid}.json");
        await blob.UploadAsync(BinaryData.FromString(export));
        var status = await WaitForRatedFileAsync(blob.Name);

        (status.Queued, status.Accepted, status.Duplicates).ShouldBe((1L, 0L, 1L));
        var usage = await WaitForUsageAsync(account.Id, period, expected: 1);
        usage.ShouldHaveSingleItem().Event.EventId.ShouldBe($"twilio-{sid}");
    }

    /// <summary>A Berlin number no earlier run holds: a number stays assigned on a reused Azurite, and a second account may not take it.</summary>
    private static string UniqueBerlinNumber() =>
        "+4930" + Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<BillingPeriod> SeedAsync(Account account, string number)
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(account.Billing.Zone).Date;
        var current = BillingPeriod.Containing(today, account.Billing.BillCycleDay);
        return BillingPeriod.Containing(current.Start.PlusDays(-1), account.Billing.BillCycleDay);
    }

    private Task<IReadOnlyList<RatedUsage>> WaitForUsageAsync(string accountId, BillingPeriod period, int expected) =>
        host.Host.Services.WaitForUsageAsync(accountId, period, expected);

    /// <summary>The finished manifest of one upload (the watcher's done marker changes the blob's ETag afterwards, so the upload's is the key).</summary>
    private async Task<CdrFileManifest> WaitForManifestAsync(string blob, Azure.ETag upload)
    {
        var checkpoints = host.Host.Services.GetRequiredService<ICdrCheckpoints>();
        var etag = upload.ToString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var manifest = await checkpoints.GetAsync(blob, etag, CancellationToken.None);
            if (manifest is { IsFinished: true } || DateTime.UtcNow > deadline)
            {
                return manifest.ShouldNotBeNull();
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The one version of a file through <c>GET api/cdr-files</c>, once it is read and rating has reported every queued event.</summary>
    private async Task<CdrFileStatus> WaitForRatedFileAsync(string blob)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var versions = await Try(() => host.Api.GetCdrFileAsync(blob, CancellationToken.None));
            if (versions is [{ FinishedAt: not null, Pending: 0 }] || DateTime.UtcNow > deadline)
            {
                return versions.ShouldHaveSingleItem();
            }

            await Task.Delay(200);
        }

        static async Task<IReadOnlyList<CdrFileStatus>> Try(Func<Task<IReadOnlyList<CdrFileStatus>>> read)
        {
            try
            {
                return await read();
            }
            catch (HttpRequestException)
            {
                return []; // not picked up yet: 404
            }
        }
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
