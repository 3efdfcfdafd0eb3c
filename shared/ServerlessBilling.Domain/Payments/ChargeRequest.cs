namespace ServerlessBilling.Payments;

/// <summary>One attempt to collect <paramref name="Amount"/> for an invoice.</summary>
/// <param name="Attempt">1 for the first attempt; each dunning retry is a new attempt with a new key, while a retried
/// activity of the same attempt reuses the key, so the gateway charges once per attempt whatever crashes happen.</param>
/// <param name="PaymentMethodId">The method to charge: the account's default on file.</param>
/// <param name="CollectionId">The orchestration collecting the invoice, kept in the gateway's metadata so its webhooks find it.</param>
public sealed record ChargeRequest(
    string InvoiceId,
    string AccountId,
    string CustomerId,
    string PaymentMethodId,
    Money Amount,
    int Attempt,
    string CollectionId)
{
    public string IdempotencyKey => $"invoice-{InvoiceId}-attempt-{Attempt}";
}
