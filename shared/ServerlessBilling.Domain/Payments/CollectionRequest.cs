namespace ServerlessBilling.Payments;

/// <summary>Which invoice a collection orchestration collects; plain values so it travels through durable history.</summary>
public sealed record CollectionRequest(string AccountId, string InvoiceId)
{
    /// <summary>The first collection of an invoice; one restarted after a reversal gets <see cref="RestartId"/>.</summary>
    public string CollectionId { get; init; } = $"collect:{InvoiceId}";

    /// <summary>Set on a collection restarted after a reversal: it starts with the first retry, not an immediate charge.</summary>
    public bool AfterReversal { get; init; }

    public static string RestartId(string invoiceId, string reversalEventId) => $"collect:{invoiceId}:after:{reversalEventId}";
}
