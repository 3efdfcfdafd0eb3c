using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The four activities of the close as it ran before the two-activity sequence, kept registered for closes started before it
/// was deployed (<see cref="CloseCycleFourSteps"/>): each is one half of a current activity, so they run the same code.</summary>
/// <remarks>Remove together with <see cref="CloseCycleFourSteps"/> once no close without a step version is running.</remarks>
public sealed partial class CycleActivities
{
    public const string DraftInvoice = DraftStep, AssignInvoiceNumber = NumberStep, FinalizeInvoice = FinalizeStep, StartCollection = CollectionStep;

    /// <summary>Kept for closes started before the two-activity sequence: the draft only.</summary>
    [Function(DraftInvoice)]
    public Task<InvoiceSummary> Draft([ActivityTrigger] CycleRequest request, CancellationToken cancellationToken) =>
        DraftLoggedAsync(request, cancellationToken);

    /// <summary>Kept for closes started before the two-activity sequence: the gapless number (the same one on a retry).</summary>
    [Function(AssignInvoiceNumber)]
    public Task<string> AssignNumber([ActivityTrigger] string invoiceId, CancellationToken cancellationToken) =>
        NumberLoggedAsync(invoiceId, accountId: null, cancellationToken);

    /// <summary>Kept for closes started before the two-activity sequence: the final invoice, the collection started by the next step.</summary>
    [Function(FinalizeInvoice)]
    public async Task<InvoiceSummary> Finalize([ActivityTrigger] FinalizeRequest request, CancellationToken cancellationToken)
    {
        var invoice = await FinalizeLoggedAsync(request, cancellationToken);
        if (invoice.AwaitingTaxData is null)
        {
            Issued(request, invoice);
        }

        return invoice;
    }

    /// <summary>Kept for closes started before the two-activity sequence: starts the invoice's collection once.</summary>
    [Function(StartCollection)]
    public Task<bool> StartInvoiceCollection([ActivityTrigger] CollectionRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartCollectionAsync(request, client, cancellationToken);
}
