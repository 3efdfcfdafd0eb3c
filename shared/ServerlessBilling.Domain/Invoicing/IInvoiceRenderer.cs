namespace ServerlessBilling.Invoicing;

/// <summary>Renders an invoice as a PDF a customer can read.</summary>
public interface IInvoiceRenderer
{
    /// <param name="usage">The calls it bills: summarized per number, and listed one by one when <see cref="UsageDetail.Itemized"/>.</param>
    byte[] RenderPdf(Invoice invoice, UsageDetail usage);
}
