using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>
/// The link route of one file (<c>.../documents/{kind}/link</c>, what an event's <c>linkRoute</c> names): the link it answers
/// reads the stored blob without any key, and storage itself refuses it once it expired. The host's clock runs behind by
/// all but half a minute of the link lifetime, so a link made now expires half a minute later in storage's (real) time.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class DocumentLinkExpiryTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);
    private static readonly Duration LeftToLive = Duration.FromSeconds(30);
    private static readonly Duration Lag = DocumentLinkOptions.Default.Lifetime - LeftToLive;

    [Fact]
    public async Task DocumentLink_OfAnInvoiceAndACreditNoteFile_ReadsTheBlobThenExpires()
    {
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"),
            services => services.AddSingleton<IClock>(new LaggingClock(Lag)));
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Link Voice", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m, [], new PerCallRounding())]);
        var account = new Account(CloseDriver.UniqueId("links"), "Link Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Driver.SeedAsync(plan, account, new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        var june = await host.Driver.CloseAsync(new CycleRequest(account.Id, June.Key));
        var noteId = await IssueCreditNoteAsync(host, account.Id, june.InvoiceId);
        var invoicePath = $"api/accounts/{account.Id}/invoices/{june.InvoiceId}";
        var notePath = $"api/accounts/{account.Id}/credit-notes/{noteId}";

        var signedAt = host.Host.Services.GetRequiredService<IClock>().GetCurrentInstant();
        var pdf = await GetLinkAsync(host, $"{invoicePath}/documents/pdf/link");
        var noteJson = await GetLinkAsync(host, $"{notePath}/documents/json/link");
        using var anonymous = new HttpClient();
        var pdfBytes = await anonymous.GetByteArrayAsync(pdf.Url);
        var noteBytes = await anonymous.GetByteArrayAsync(noteJson.Url);

        (pdf.Kind, noteJson.Kind).ShouldBe(("pdf", "json"));
        pdf.ExpiresAt.ShouldBeInRange(signedAt + DocumentLinkOptions.Default.Lifetime, signedAt + DocumentLinkOptions.Default.Lifetime + Duration.FromSeconds(5));
        pdfBytes.ShouldBe(await BlobBytesAsync($"{account.Id}/{june.InvoiceId}.pdf"));
        pdfBytes[..5].ShouldBe("%PDF-"u8.ToArray());
        noteBytes.ShouldBe(await BlobBytesAsync($"{account.Id}/credit-notes/{noteId}.json"));

        var (noCsvStatus, noCsv) = await GetProblemAsync(host, $"{notePath}/documents/csv/link");
        (noCsvStatus, noCsv.GetProperty("title").GetString()).ShouldBe(
            (HttpStatusCode.NotFound, $"The usage CSV of credit note '{noteId}' of account '{account.Id}' was not found"));
        var (badKindStatus, badKind) = await GetProblemAsync(host, $"{invoicePath}/documents/docx/link");
        badKindStatus.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(badKind).ShouldBe(["kind"]);

        // The expiry is an instant: the host signed it half a minute ahead of the real clock storage judges by, so just past it
        // storage refuses both links.
        var wait = pdf.ExpiresAt + Duration.FromSeconds(2) - SystemClock.Instance.GetCurrentInstant();
        if (wait > Duration.Zero)
        {
            await Task.Delay(wait.ToTimeSpan());
        }

        using var pdfAfter = await anonymous.GetAsync(pdf.Url);
        using var noteAfter = await anonymous.GetAsync(noteJson.Url);
        (pdfAfter.StatusCode, noteAfter.StatusCode).ShouldBe((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden));
    }

    private async Task<byte[]> BlobBytesAsync(string name) =>
        (await azurite.Blobs.GetBlobContainerClient("invoices").GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();

    private static async Task<DocumentLink> GetLinkAsync(OwnBillingHost host, string path)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return (await response.Content.ReadFromJsonAsync<DocumentLink>(BillingJson.Options))!;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> GetProblemAsync(OwnBillingHost host, string path)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path, null);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<string> IssueCreditNoteAsync(OwnBillingHost host, string accountId, string invoiceId)
    {
        using var response = await SendAsync(host, HttpMethod.Post, $"api/accounts/{accountId}/invoices/{invoiceId}/credit-notes",
            JsonContent.Create(new { idempotencyKey = "links-1", reason = "Outage", amount = 5.00m }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("creditNote").GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(OwnBillingHost host, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }

    /// <summary>The real time less <paramref name="lag"/>: what the host signs with, while storage judges by the real time.</summary>
    private sealed class LaggingClock(Duration lag) : IClock
    {
        public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() - lag;
    }
}
