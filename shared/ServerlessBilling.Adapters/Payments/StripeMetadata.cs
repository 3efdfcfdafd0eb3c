namespace ServerlessBilling.Payments;

/// <summary>The metadata keys we put on every PaymentIntent; its webhooks read them back to find the invoice and its collection.</summary>
public static class StripeMetadata
{
    public const string InvoiceId = "invoice_id";
    public const string AccountId = "account_id";
    public const string CollectionId = "collection_id";
    public const string Attempt = "attempt";
}
