using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Closes one account's period: draft from rated usage, a gapless number, the final JSON and PDF, then hands the
/// invoice to its own collection orchestration (payment and dunning outlive the close). Only sequences activities; every step is idempotent.</summary>
public static class CloseCycleOrchestration
{
    public const string Name = "CloseCycle";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    [Function(Name)]
    public static async Task<InvoiceSummary> Run([OrchestrationTrigger] TaskOrchestrationContext context, CycleRequest request)
    {
        context.SetCustomStatus("drafting");
        var draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftInvoice, request, Retry);
        context.SetCustomStatus("numbering");
        var number = await context.CallActivityAsync<string>(CycleActivities.AssignInvoiceNumber, draft.InvoiceId, Retry);
        context.SetCustomStatus("rendering");
        var finalize = new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime);
        var invoice = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.FinalizeInvoice, finalize, Retry);
        context.SetCustomStatus("collecting");
        await context.CallActivityAsync<bool>(PaymentActivities.StartCollection, new CollectionRequest(invoice.AccountId, invoice.InvoiceId), Retry);
        context.SetCustomStatus("finalized");
        return invoice;
    }
}

/// <summary>Input of the finalize step; the issue time comes from the orchestration's replay-safe clock.</summary>
public sealed record FinalizeRequest(string AccountId, string InvoiceId, string Number, DateTime IssuedAtUtc);
