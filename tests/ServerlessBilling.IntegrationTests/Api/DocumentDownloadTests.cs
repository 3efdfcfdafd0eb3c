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
/// A closed invoice's and a credit note's files through the API: each download is the stored blob byte for byte, with its
/// media type and file name; a missing file is a 404 naming it; signed links read the blobs without a key until they expire.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class DocumentDownloadTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);

    [Fact]
    public async Task Documents_OfAClosedInvoiceAndItsCreditNote_AreTheStoredBlobsAndTheirLinksExpire()
    {
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"));
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Docs Voice", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m, [], new PerCallRounding())]);
        var account = new Account(CloseDriver.UniqueId("docs"), "Docs Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Driver.SeedAsync(plan, account, new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        var june = await host.Driver.CloseAsync(new CycleRequest(account.Id, June.Key));
        var noteId = await IssueCreditNoteAsync(host, account.Id, june.InvoiceId);
        var invoicePath = $"api/accounts/{account.Id}/invoices/{june.InvoiceId}";
        var notePath = $"api/accounts/{account.Id}/credit-notes/{noteId}";

        foreach (var (kind, blob, type, file) in new[]
        {
            ("pdf", $"{account.Id}/{june.InvoiceId}.pdf", "application/pdf", $"{june.InvoiceId}.pdf"),
            ("json", $"{account.Id}/{june.InvoiceId}.json", "application/json", $"{june.InvoiceId}.json"),
            ("csv", $"{account.Id}/{june.InvoiceId}.usage.csv", "text/csv; charset=utf-8", $"{june.InvoiceId}.usage.csv"),
        })
        {
            await ShouldServeBlobAsync(host, $"{invoicePath}/documents/{kind}", blob, type, file);
        }

        // The XLSX is made from the stored CSV when the invoice is issued, and served as stored: the same calls and the same total.
        await ShouldServeBlobAsync(host, $"{invoicePath}/documents/xlsx", $"{account.Id}/{june.InvoiceId}.usage.xlsx", DocumentAddress.XlsxContentType, $"{june.InvoiceId}.usage.xlsx");
        using (var xlsx = await SendAsync(host, HttpMethod.Get, $"{invoicePath}/documents/xlsx", null))
        {
            xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
            xlsx.Content.Headers.ContentType!.MediaType.ShouldBe(DocumentAddress.XlsxContentType);
            xlsx.Content.Headers.ContentDisposition!.FileName.ShouldBe($"{june.InvoiceId}.usage.xlsx");
            var sheets = Upstream.Spreadsheet.Read(await xlsx.Content.ReadAsByteArrayAsync());
            sheets.Keys.ShouldBe(["By component", "By number", "Calls"]);
            sheets["Calls"].Select(r => r[0]).ShouldBe(["call_id", "Total"]);
        }

        await ShouldServeBlobAsync(host, $"{notePath}/documents/pdf", $"{account.Id}/credit-notes/{noteId}.pdf", "application/pdf", $"{noteId}.pdf");
        await ShouldServeBlobAsync(host, $"{notePath}/documents/json", $"{account.Id}/credit-notes/{noteId}.json", "application/json", $"{noteId}.json");

        var (noCsvStatus, noCsv) = await GetProblemAsync(host, $"{notePath}/documents/csv");
        (noCsvStatus, noCsv.GetProperty("title").GetString()).ShouldBe(
            (HttpStatusCode.NotFound, $"The usage CSV of credit note '{noteId}' of account '{account.Id}' was not found"));
        var (missingStatus, missing) = await GetProblemAsync(host, $"api/accounts/{account.Id}/invoices/{june.InvoiceId}x/documents/pdf");
        (missingStatus, missing.GetProperty("title").GetString()).ShouldBe(
            (HttpStatusCode.NotFound, $"The PDF of invoice '{june.InvoiceId}x' of account '{account.Id}' was not found"));
        var (badKindStatus, badKind) = await GetProblemAsync(host, $"{invoicePath}/documents/docx");
        badKindStatus.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(badKind).ShouldBe(["kind"]);
        var (noLinksStatus, noLinks) = await GetProblemAsync(host, $"api/accounts/{account.Id}/invoices/{june.InvoiceId}x/links");
        (noLinksStatus, noLinks.GetProperty("title").GetString()).ShouldBe(
            (HttpStatusCode.NotFound, $"Final invoice '{june.InvoiceId}x' of account '{account.Id}' was not found"));

        // The links are read with no key at all, straight from storage.
        var invoiceLinks = await GetLinksAsync(host, $"{invoicePath}/links");
        var noteLinks = await GetLinksAsync(host, $"{notePath}/links");
        invoiceLinks.Select(l => l.Kind).ShouldBe(["pdf", "json", "csv", "xlsx"]);
        noteLinks.Select(l => l.Kind).ShouldBe(["pdf", "json"]);
        using var anonymous = new HttpClient();
        (await anonymous.GetByteArrayAsync(invoiceLinks[0].Url)).ShouldBe(await BlobBytesAsync($"{account.Id}/{june.InvoiceId}.pdf"));
        (await anonymous.GetByteArrayAsync(invoiceLinks[2].Url)).ShouldBe(await BlobBytesAsync($"{account.Id}/{june.InvoiceId}.usage.csv"));
        using (var workbook = await anonymous.GetAsync(invoiceLinks[3].Url))
        {
            workbook.Content.Headers.ContentType!.MediaType.ShouldBe(DocumentAddress.XlsxContentType);
            workbook.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"{june.InvoiceId}.usage.xlsx");
            (await workbook.Content.ReadAsByteArrayAsync()).ShouldBe(await BlobBytesAsync($"{account.Id}/{june.InvoiceId}.usage.xlsx"));
        }

        (await anonymous.GetByteArrayAsync(noteLinks[0].Url)).ShouldBe(await BlobBytesAsync($"{account.Id}/credit-notes/{noteId}.pdf"));
        var clock = host.Host.Services.GetRequiredService<IClock>().GetCurrentInstant();
        invoiceLinks.ShouldAllBe(l => l.ExpiresAt > clock + Duration.FromMinutes(14) && l.ExpiresAt <= clock + Duration.FromMinutes(15));

        // A link whose expiry has passed is refused by storage itself.
        var signer = host.Host.Services.GetRequiredService<IDocumentLinks>();
        var expired = await signer.SignAsync(
            new DocumentAddress(account.Id, june.InvoiceId, false, DocumentKind.Pdf), clock - Duration.FromMinutes(1), CancellationToken.None);
        using var refused = await anonymous.GetAsync(expired);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task ShouldServeBlobAsync(OwnBillingHost host, string path, string blob, string contentType, string fileName)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path, null);
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.ToString().ShouldBe(contentType);
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe(fileName);
        body.ShouldBe(await BlobBytesAsync(blob));
    }

    private async Task<byte[]> BlobBytesAsync(string name) =>
        (await azurite.Blobs.GetBlobContainerClient("invoices").GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> GetProblemAsync(OwnBillingHost host, string path)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path, null);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<IReadOnlyList<DocumentLink>> GetLinksAsync(OwnBillingHost host, string path)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return (await response.Content.ReadFromJsonAsync<List<DocumentLink>>(BillingJson.Options))!;
    }

    private static async Task<string> IssueCreditNoteAsync(OwnBillingHost host, string accountId, string invoiceId)
    {
        using var response = await SendAsync(host, HttpMethod.Post, $"api/accounts/{accountId}/invoices/{invoiceId}/credit-notes",
            JsonContent.Create(new { idempotencyKey = "docs-1", reason = "Outage", amount = 5.00m }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("creditNote").GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(OwnBillingHost host, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }
}
