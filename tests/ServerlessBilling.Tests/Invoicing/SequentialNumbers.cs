using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tests.Invoicing;

/// <summary>Gapless numbers in the production format, one per document id however often it is asked for.</summary>
public sealed class SequentialNumbers(InvoiceNumberFormat format) : IInvoiceNumbers, ICreditNoteNumbers
{
    private readonly Dictionary<string, string> assigned = new(StringComparer.Ordinal);

    /// <summary>Invoice numbers: <c>INV-000001</c>, ...</summary>
    public SequentialNumbers()
        : this(InvoiceNumberFormat.Invoices)
    {
    }

    public int Taken
    {
        get
        {
            lock (assigned)
            {
                return assigned.Count;
            }
        }
    }

    public Task<string> AssignAsync(string documentId, CancellationToken cancellationToken)
    {
        lock (assigned)
        {
            if (!assigned.TryGetValue(documentId, out var number))
            {
                number = format.Format(assigned.Count + 1);
                assigned[documentId] = number;
            }

            return Task.FromResult(number);
        }
    }
}
