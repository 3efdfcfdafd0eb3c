using ServerlessBilling.Invoicing;

namespace ServerlessBilling.PortContracts;

/// <summary>A gapless sequence: document n gets number n in the sequence's format, once, however often or concurrently it asks.</summary>
public abstract class GaplessNumbersContract<TPort> : PortContract<TPort>
    where TPort : class
{
    /// <summary>How the sequence under test writes its numbers.</summary>
    protected abstract InvoiceNumberFormat Format { get; }

    protected abstract Task<string> AssignAsync(string documentId);

    [Fact]
    public async Task AssignAsync_NewDocuments_NumbersFromOneWithoutGaps()
    {
        var numbers = new List<string>();
        foreach (var id in new[] { "doc-a", "doc-b", "doc-c" })
        {
            numbers.Add(await AssignAsync(id));
        }

        numbers.ShouldBe([Format.Format(1), Format.Format(2), Format.Format(3)]);
    }

    [Fact]
    public async Task AssignAsync_SameDocumentAgain_ReturnsItsFirstNumberAndTakesNoOther()
    {
        var first = await AssignAsync("doc-a");

        (await AssignAsync("doc-a")).ShouldBe(first);
        (await AssignAsync("doc-b")).ShouldBe(Format.Format(2));
    }

    [Fact]
    public async Task AssignAsync_ConcurrentDocuments_GetUniqueGaplessNumbers()
    {
        var assigned = await AllAtOnceAsync(12, i => AssignAsync($"doc-{i}"));

        assigned.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 12).Select(n => Format.Format(n)));
    }

    [Fact]
    public async Task AssignAsync_ConcurrentRetriesOfOneDocument_AllGetOneNumber()
    {
        var assigned = await AllAtOnceAsync(6, _ => AssignAsync("doc-a"));

        assigned.Distinct().ShouldHaveSingleItem().ShouldBe(Format.Format(1));
        (await AssignAsync("doc-b")).ShouldBe(Format.Format(2));
    }
}

/// <summary>Invoice numbers: <c>INV-000001</c>, ... (<see cref="IInvoiceNumbers"/>).</summary>
public abstract class InvoiceNumbersContract : GaplessNumbersContract<IInvoiceNumbers>
{
    protected override InvoiceNumberFormat Format => InvoiceNumberFormat.Invoices;

    protected override Task<string> AssignAsync(string documentId) => Port.AssignAsync(documentId, default);
}

/// <summary>Credit note numbers: <c>CN-000001</c>, ..., a sequence of their own (<see cref="ICreditNoteNumbers"/>).</summary>
public abstract class CreditNoteNumbersContract : GaplessNumbersContract<ICreditNoteNumbers>
{
    protected override InvoiceNumberFormat Format => InvoiceNumberFormat.CreditNotes;

    protected override Task<string> AssignAsync(string documentId) => Port.AssignAsync(documentId, default);
}
