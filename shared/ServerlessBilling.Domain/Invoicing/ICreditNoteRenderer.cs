namespace ServerlessBilling.Invoicing;

/// <summary>Renders a credit note as a PDF.</summary>
public interface ICreditNoteRenderer
{
    byte[] RenderPdf(CreditNote creditNote);
}
