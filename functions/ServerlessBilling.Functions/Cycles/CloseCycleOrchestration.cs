using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Closes one account's period: draft from rated usage, a gapless number, the final JSON and PDF, then hands the
/// invoice to its own collection orchestration (payment and dunning outlive the close). Only sequences activities; every step is idempotent.</summary>
/// <remarks>
/// A draft a tax table has no rate for is held before numbering (<see cref="TaxDataHold"/>): the close shows
/// <c>awaitingTaxData</c> and waits for <see cref="HeldCycleCloses.TaxTablesChanged"/> (raised when a table is stored) or
/// its re-check timer, whichever comes first, then drafts again. The number is taken only once a draft is not held.
/// A numbered invoice whose taxes a tax service committed differently (a rate changed between draft and numbering) is held
/// the same way before it is issued, then drafted again at the service's rates and finalized under the number it has.
/// </remarks>
public static class CloseCycleOrchestration
{
    public const string Name = "CloseCycle";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    [Function(Name)]
    public static async Task<InvoiceSummary> Run([OrchestrationTrigger] TaskOrchestrationContext context, CycleRequest request)
    {
        try
        {
            return await CloseAsync(context, request);
        }
        catch (TaskFailedException)
        {
            // Counted here, once, rather than in each failing attempt: the retries of a step are not closes that failed.
            await context.CallActivityAsync(CycleActivities.RecordCloseFailed, request);
            throw;
        }
    }

    private static async Task<InvoiceSummary> CloseAsync(TaskOrchestrationContext context, CycleRequest request)
    {
        var startedAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(CloseProgress.At(CloseProgress.Drafting));
        var draft = await DraftAsync(context, request);
        context.SetCustomStatus(CloseProgress.At("numbering", draft));
        var number = await context.CallActivityAsync<string>(CycleActivities.AssignInvoiceNumber, draft.InvoiceId, Retry);
        context.SetCustomStatus(CloseProgress.At("rendering", draft));
        var invoice = await context.CallActivityAsync<InvoiceSummary>(
            CycleActivities.FinalizeInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), Retry);

        // The tax service committed other taxes than the draft's: held unissued, then drafted again at its current rates under the same number.
        while (invoice.AwaitingTaxData is { } differs)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, invoice.TaxNotices, differs));
            await WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(differs.RecheckSeconds));
            draft = await DraftAsync(context, request);
            context.SetCustomStatus(CloseProgress.At("rendering", draft));
            invoice = await context.CallActivityAsync<InvoiceSummary>(
                CycleActivities.FinalizeInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), Retry);
        }
        context.SetCustomStatus(CloseProgress.At("collecting", invoice));
        await context.CallActivityAsync<bool>(PaymentActivities.StartCollection, new CollectionRequest(invoice.AccountId, invoice.InvoiceId), Retry);
        context.SetCustomStatus(CloseProgress.At("finalized", invoice));
        return invoice;
    }

    /// <summary>The draft, drafted again for as long as a tax table has no rate for it.</summary>
    private static async Task<InvoiceSummary> DraftAsync(TaskOrchestrationContext context, CycleRequest request)
    {
        var draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftInvoice, request, Retry);
        var toldOfUpload = false;
        while (draft.AwaitingTaxData is { } hold)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, draft.TaxNotices, hold));
            var recheck = toldOfUpload ? hold.RecheckAfterUploadSeconds : hold.RecheckSeconds;
            toldOfUpload = await WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(recheck));
            draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftInvoice, request, Retry);
        }

        return draft;
    }

    /// <summary>True when a stored tax table woke the close, false when the re-check timer did.</summary>
    private static async Task<bool> WaitForTaxTablesAsync(TaskOrchestrationContext context, TimeSpan recheck)
    {
        using var cancel = new CancellationTokenSource();
        var upload = context.WaitForExternalEvent<string>(HeldCycleCloses.TaxTablesChanged, cancel.Token);
        var timer = context.CreateTimer(recheck, cancel.Token);
        var first = await Task.WhenAny(upload, timer);

        // Synchronously: CancelAsync would continue off the orchestrator's thread and end the episode without its next step.
        cancel.Cancel();
        return first == upload;
    }
}
