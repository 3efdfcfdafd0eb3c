namespace ServerlessBilling.Invoicing;

/// <summary>Gapless invoice numbers: each invoice gets one number, once, even when the step is retried after a crash.</summary>
public interface IInvoiceNumbers
{
    Task<string> AssignAsync(string invoiceId, CancellationToken cancellationToken);
}
