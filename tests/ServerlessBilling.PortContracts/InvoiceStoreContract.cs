using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.PortContracts;

/// <summary>Drafts are replaced while a period closes; the final invoice and its documents are written once and win over the draft.</summary>
public abstract class InvoiceStoreContract : PortContract<IInvoiceStore>
{
    private static readonly LocalDate Issued = new(2026, 11, 2);

    [Fact]
    public async Task FindAsync_NothingSaved_IsNull() =>
        (await Port.FindAsync("acme", Samples.Draft("acme").Id, default)).ShouldBeNull();

    [Fact]
    public async Task FindAsync_DraftSavedTwice_ReturnsTheLatestDraft()
    {
        await Port.SaveDraftAsync(Samples.Draft("acme", 10m), default);

        await Port.SaveDraftAsync(Samples.Draft("acme", 12m), default);

        var found = (await Port.FindAsync("acme", Samples.Draft("acme").Id, default)).ShouldNotBeNull();
        (found.IsFinal, found.Total).ShouldBe((false, new Money(12m, "USD")));
    }

    [Fact]
    public async Task FindAsync_FinalAfterDraft_ReturnsTheFinal()
    {
        var draft = Samples.Draft("acme");
        await Port.SaveDraftAsync(draft, default);

        await Port.SaveFinalAsync(draft.Finalize("INV-000001", Issued, 30), new byte[] { 1 }, Csv("csv"), default);

        Samples.Json(await Port.FindAsync("acme", draft.Id, default)).ShouldBe(Samples.Json(draft.Finalize("INV-000001", Issued, 30)));
    }

    [Fact]
    public async Task FindFinalAsync_DraftOnly_IsNull_ThenTheFinalOnceIssued()
    {
        var draft = Samples.Draft("acme");
        await Port.SaveDraftAsync(draft, default);
        (await Port.FindFinalAsync("acme", draft.Id, default)).ShouldBeNull();

        await Port.SaveFinalAsync(draft.Finalize("INV-000001", Issued, 30), new byte[] { 1 }, Csv("csv"), default);

        Samples.Json(await Port.FindFinalAsync("acme", draft.Id, default)).ShouldBe(Samples.Json(draft.Finalize("INV-000001", Issued, 30)));
    }

    [Fact]
    public async Task SaveFinalAsync_Again_KeepsTheFirstFinal()
    {
        await Port.SaveFinalAsync(Samples.Draft("acme", 10m).Finalize("INV-000001", Issued, 30), new byte[] { 1 }, Csv("first"), default);

        await Port.SaveFinalAsync(Samples.Draft("acme", 12m).Finalize("INV-000002", Issued, 30), new byte[] { 2 }, Csv("second"), default);

        var found = (await Port.FindAsync("acme", Samples.Draft("acme").Id, default)).ShouldNotBeNull();
        (found.Number, found.Total).ShouldBe(("INV-000001", new Money(10m, "USD")));
    }

    [Fact]
    public async Task SaveFinalAsync_Invoice_NamesItsDocumentsByAccountAndInvoice()
    {
        var final = Samples.Draft("acme").Finalize("INV-000001", Issued, 30);

        var documents = await Port.SaveFinalAsync(final, new byte[] { 1 }, Csv("csv"), default);

        documents.ShouldBe(new InvoiceDocuments(
            $"invoices/acme/{final.Id}.json", $"invoices/acme/{final.Id}.pdf", $"invoices/acme/{final.Id}.usage.csv", $"invoices/acme/{final.Id}.usage.xlsx"));
    }

    [Fact]
    public async Task FindAsync_AnotherAccount_IsNull()
    {
        var draft = Samples.Draft("acme");
        await Port.SaveFinalAsync(draft.Finalize("INV-000001", Issued, 30), new byte[] { 1 }, Csv("csv"), default);

        (await Port.FindAsync("zeta", draft.Id, default)).ShouldBeNull();
    }

    [Fact]
    public async Task SaveFinalAsync_UsageWriterFails_LeavesTheInvoiceADraftAndTheErrorRaised()
    {
        var draft = Samples.Draft("acme");
        await Port.SaveDraftAsync(draft, default);

        var failing = () => Port.SaveFinalAsync(draft.Finalize("INV-000001", Issued, 30), new byte[] { 1 }, async (writer, ct) =>
        {
            await writer.WriteAsync("call_id\r\n".AsMemory(), ct);
            throw new InvalidOperationException("usage unreadable");
        }, default);

        (await Should.ThrowAsync<InvalidOperationException>(failing)).Message.ShouldBe("usage unreadable");
        (await Port.FindAsync("acme", draft.Id, default)).ShouldNotBeNull().IsFinal.ShouldBeFalse();
    }

    private static Func<TextWriter, CancellationToken, Task> Csv(string text) => (writer, ct) => writer.WriteAsync(text.AsMemory(), ct);
}
