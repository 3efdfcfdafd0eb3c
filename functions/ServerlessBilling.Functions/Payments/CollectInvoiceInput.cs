using System.Text.Json.Serialization;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>The input of <see cref="CollectInvoiceOrchestration"/>: the invoice to collect and, when the close that issued it opened the
/// receivable already, the state it opened with.</summary>
/// <remarks>The same JSON shape as <see cref="CollectionRequest"/> plus <see cref="Opened"/>, so collections started before (and
/// collections started elsewhere: after a reversal, for a late fee's own invoice) come in without it and open the receivable in their
/// first activity, as their history records; a replay that scheduled another first step than its history holds would fail as non-deterministic.</remarks>
/// <param name="AccountId">The invoice's account.</param>
/// <param name="InvoiceId">The invoice collected.</param>
public sealed record CollectInvoiceInput(string AccountId, string InvoiceId)
{
    /// <summary>The instance id, as <see cref="CollectionRequest.CollectionId"/>.</summary>
    public string CollectionId { get; init; } = $"collect:{InvoiceId}";

    /// <summary>As <see cref="CollectionRequest.AfterReversal"/>.</summary>
    public bool AfterReversal { get; init; }

    /// <summary>The state the issuing close opened the receivable with; null: the orchestration opens it in its first activity.</summary>
    public CollectionState? Opened { get; init; }

    /// <summary>The dunning step the issuing close took already (a request for a payment method); null: the collection takes its first
    /// step itself, as collections started before this field or otherwise do.</summary>
    public DunningStep? FirstStep { get; init; }

    [JsonIgnore]
    public CollectionRequest Request => new(AccountId, InvoiceId) { CollectionId = CollectionId, AfterReversal = AfterReversal };

    /// <summary>A collection whose receivable its issuing close opened: the orchestration begins with the opened state, and past the
    /// first step when the close took it.</summary>
    public static CollectInvoiceInput OpenedBy(CollectionRequest request, CollectionOpening opened) =>
        new(request.AccountId, request.InvoiceId)
        {
            CollectionId = request.CollectionId, AfterReversal = request.AfterReversal, Opened = opened.State, FirstStep = opened.FirstStep,
        };
}
