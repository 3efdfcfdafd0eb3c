using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// Credit notes on a closed invoice over the HTTP API: their own gapless numbers, one note per idempotency key, a
/// refusal naming the field when the credit exceeds what is left, the event through the outbox, the PDF, and the
/// credit on the invoice's own balance due: its payment history, the aging report and what its collection would charge.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class CreditNoteTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);
    private static readonly BillingPeriod July = BillingPeriod.Containing(new LocalDate(2025, 7, 1), 1);

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Fact]
    public async Task CreditNotes_OnAClosedInvoice_AreNumberedWithoutGapsAndLowerItsBalanceDue()
    {
        var sequence = CloseDriver.UniqueId("seq");
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), sequence);
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Credit Voice", "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);
        var account = new Account(CloseDriver.UniqueId("credit"), "Credit Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Driver.SeedAsync(plan, account, new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        var june = await host.Driver.CloseAsync(new CycleRequest(account.Id, June.Key));

        // June: platform 20.00 (line 0) and one number 1.50 (line 1) = 21.50.
        var (outageStatus, outage) = await PostAsync(host, account, june, new { idempotencyKey = "outage-1", reason = "Outage on June 3", amount = 5.00m });
        var (repeatStatus, repeat) = await PostAsync(host, account, june, new { idempotencyKey = "outage-1", reason = "Outage on June 3", amount = 5.00m });
        var (tooMuchStatus, tooMuch) = await PostAsync(host, account, june, new { idempotencyKey = "too-much", reason = "Goodwill", amount = 16.51m });
        var (numberStatus, number) = await PostAsync(host, account, june, new { idempotencyKey = "number-1", reason = "Number never ported", lines = new[] { 1 } });
        var listed = await host.Api.ListCreditNotesAsync(account.Id, june.InvoiceId, CancellationToken.None);
        var firstPage = await GetAsync(host, $"api/accounts/{account.Id}/credit-notes?limit=1");
        var secondPage = await GetAsync(host, $"api/accounts/{account.Id}/credit-notes?limit=1&cursor={Uri.EscapeDataString(firstPage.GetProperty("next_cursor").GetString()!)}");
        var history = (await GetAsync(host, $"api/accounts/{account.Id}/invoices/{june.InvoiceId}")).GetProperty("payments");
        var aging = await GetAsync(host, "api/reports/ar-aging");
        var july = await host.Driver.CloseAsync(new CycleRequest(account.Id, July.Key));

        (outageStatus, repeatStatus, tooMuchStatus, numberStatus).ShouldBe((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Created));
        Number(outage).ShouldBe("CN-000001");
        Number(repeat).ShouldBe("CN-000001");
        Number(number).ShouldBe("CN-000002");
        tooMuch.GetProperty("errors").GetProperty("amount")[0].GetString().ShouldBe("16.51 USD exceeds the 16.50 USD invoice INV-000001 still has un-credited");
        listed.Select(n => (n.Number, n.InvoiceNumber, n.Total.Amount, n.Reason)).ShouldBe(
            [("CN-000001", "INV-000001", 5.00m, "Outage on June 3"), ("CN-000002", "INV-000001", 1.50m, "Number never ported")]);
        (await CreditNoteNumbersAsync(sequence)).ShouldBe(["CN-000001", "CN-000002"]); // the refused request took none
        (await InOutboxAsync($"credit_note.issued:{listed[0].Id}")).ShouldBeTrue();
        (await InOutboxAsync($"credit_note.issued:{listed[1].Id}")).ShouldBeTrue();
        var issued = (await EventDataAsync<Events.CreditNoteIssuedData>($"credit_note.issued:{listed[0].Id}"))!;
        var noteRoute = $"{host.Host.BaseAddress}api/accounts/{account.Id}/credit-notes/{listed[0].Id}"; // absolute, under the host's address
        issued.Documents.Select(d => (d.Kind, d.Route, d.Url is not null)).ShouldBe([("pdf", noteRoute + "/documents/pdf", true), ("json", noteRoute + "/documents/json", true)]);
        issued.LinksRoute.ShouldBe(noteRoute + "/links");

        // The account's notes, a page of one at a time, in id order (both are the June invoice's, so by their ids).
        string[] byId = [.. listed.Select(n => n.Id).Order(StringComparer.Ordinal)];
        firstPage.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ShouldBe([byId[0]]);
        firstPage.GetProperty("has_more").GetBoolean().ShouldBeTrue();
        secondPage.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ShouldBe([byId[1]]);
        var pdf = await documents.ReadPdfRowsAsync(outage.GetProperty("pdfDocument").GetString()!);
        pdf.ShouldContain("Credit note CN-000001");
        pdf.ShouldContain("Credits invoice INV-000001");
        pdf.ShouldContain("Total credited USD 5.00");

        // June's balance: 21.50 − 5.00 − 1.50 = 15.00, each note once although the first was asked for twice; the
        // collection charges that balance (nothing pending), and the aging report owes the same.
        (history.GetProperty("status").GetString(), history.GetProperty("total").GetDecimal(), history.GetProperty("paid").GetDecimal(),
            history.GetProperty("balanceDue").GetDecimal(), history.GetProperty("pending").GetDecimal()).ShouldBe(("Open", 21.50m, 6.50m, 15.00m, 0m));
        history.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("amount").GetDecimal(),
            e.GetProperty("effect").GetDecimal(), e.GetProperty("reference").GetString())).ShouldBe(
            [("CreditNote", 5.00m, 5.00m, "CN-000001"), ("CreditNote", 1.50m, 1.50m, "CN-000002")]);
        var owed = aging.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("accountId").GetString() == account.Id);
        (owed.GetProperty("currency").GetString(), owed.GetProperty("total").GetDecimal()).ShouldBe(("USD", 15.00m));

        // July: 21.50 again with nothing carried, since June's balance took both notes.
        var julyInvoice = await documents.ReadInvoiceAsync(july.JsonDocument!);
        julyInvoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Credit Voice platform fee", 20.00m),
            (LineCategory.Numbers, "Local numbers (1)", 1.50m),
        ]);
        (july.Number, july.Total).ShouldBe(("INV-000002", 21.50m));
        await documents.ShouldMatchPdfAsync(julyInvoice, july.PdfDocument!);
    }

    private static string Number(JsonElement issued) => issued.GetProperty("creditNote").GetProperty("number").GetString()!;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(OwnBillingHost host, Account account, InvoiceSummary invoice, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/accounts/{account.Id}/invoices/{invoice.InvoiceId}/credit-notes")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<List<string>> CreditNoteNumbersAsync(string sequence)
    {
        var numbers = new List<string>();
        var table = azurite.Tables.GetTableClient(StorageNames.InvoiceNumbersTable);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == sequence + "-credit-notes"))
        {
            if (row.GetString("Number") is { } number)
            {
                numbers.Add(number);
            }
        }

        return [.. numbers.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the event is in the outbox, pending or already published.</summary>
    /// <summary>The data of the event the outbox holds under <paramref name="eventId"/> (pending or published).</summary>
    private async Task<T?> EventDataAsync<T>(string eventId)
    {
        var outbox = azurite.Tables.GetTableClient(StorageNames.OutboxTable);
        foreach (var partition in new[] { "pending", "published" })
        {
            var row = await outbox.GetEntityIfExistsAsync<TableEntity>(partition, eventId);
            if (row.HasValue)
            {
                return JsonSerializer.Deserialize<Events.DomainEvent>(row.Value!.GetString("Document"), BillingJson.Options)!.Data.Deserialize<T>(BillingJson.Options);
            }
        }

        return default;
    }

    private static async Task<JsonElement> GetAsync(OwnBillingHost host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var response = await host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<bool> InOutboxAsync(string eventId)
    {
        var outbox = azurite.Tables.GetTableClient(StorageNames.OutboxTable);
        foreach (var partition in new[] { "pending", "published" })
        {
            if ((await outbox.GetEntityIfExistsAsync<TableEntity>(partition, eventId)).HasValue)
            {
                return true;
            }
        }

        return false;
    }
}
