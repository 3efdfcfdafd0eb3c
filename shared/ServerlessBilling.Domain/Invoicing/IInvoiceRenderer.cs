namespace ServerlessBilling.Invoicing;

/// <summary>Renders an invoice as a PDF a customer can read.</summary>
public interface IInvoiceRenderer
{
    byte[] RenderPdf(Invoice invoice);
}
