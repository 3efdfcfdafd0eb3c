using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Closes one account's period: draft from rated usage, a gapless number, the final JSON and PDF, then hands the
/// invoice to its own collection orchestration (payment and dunning outlive the close). Only sequences activities; every step is idempotent.</summary>
/// <remarks><para>
/// Two activities a close, as few as its stages need: drafting and numbering in one (<see cref="CycleActivities.DraftAndNumberInvoice"/>),
/// issuing and starting the collection in the other (<see cref="CycleActivities.IssueInvoice"/>). Each activity costs the engine about ten
/// storage requests (its messages, history and instance rows), more than the work it runs; each half is idempotent by the invoice id,
/// so a retry of a whole activity repeats nothing that was done.
/// </para><para>
/// A draft a tax table has no rate for is held before numbering (<see cref="TaxDataHold"/>): the close shows
/// <c>awaitingTaxData</c> and waits for <see cref="HeldCycleCloses.TaxTablesChanged"/> (raised when a table is stored) or
/// its re-check timer, whichever comes first, then drafts again. The number is taken only once a draft is not held.
/// A numbered invoice whose taxes a tax service committed differently (a rate changed between draft and numbering) is held
/// the same way before it is issued, then drafted again at the service's rates and finalized under the number it has.
/// </para><para>
/// A close started before this sequence was deployed (its input has no <see cref="CloseCycleInput.Steps"/>) finishes on the four
/// activities its history holds (<see cref="CloseCycleFourSteps"/>): a close held for tax data can wait on its timer for days.
/// </para></remarks>
public static class CloseCycleOrchestration
{
    public const string Name = "CloseCycle";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    [Function(Name)]
    public static async Task<InvoiceSummary> Run([OrchestrationTrigger] TaskOrchestrationContext context, CloseCycleInput input)
    {
        var request = input.Cycle;
        try
        {
            return input.Steps is null ? await CloseCycleFourSteps.CloseAsync(context, request, Retry) : await CloseAsync(context, request);
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
        var number = draft.Number ?? throw new InvalidOperationException($"Invoice '{draft.InvoiceId}' came back from drafting without a number.");
        context.SetCustomStatus(CloseProgress.At("rendering", draft));
        var invoice = await context.CallActivityAsync<InvoiceSummary>(
            CycleActivities.IssueInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), Retry);

        // The tax service committed other taxes than the draft's: held unissued, then drafted again at its current rates under the same number.
        while (invoice.AwaitingTaxData is { } differs)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, invoice.TaxNotices, differs));
            await WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(differs.RecheckSeconds));
            draft = await DraftAsync(context, request);
            context.SetCustomStatus(CloseProgress.At("rendering", draft));
            invoice = await context.CallActivityAsync<InvoiceSummary>(
                CycleActivities.IssueInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), Retry);
        }

        context.SetCustomStatus(CloseProgress.At("finalized", invoice));
        return invoice;
    }

    /// <summary>The draft with its number, drafted again for as long as a tax table has no rate for it (a held draft is not numbered).</summary>
    private static async Task<InvoiceSummary> DraftAsync(TaskOrchestrationContext context, CycleRequest request)
    {
        var draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftAndNumberInvoice, request, Retry);
        var toldOfUpload = false;
        while (draft.AwaitingTaxData is { } hold)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, draft.TaxNotices, hold));
            var recheck = toldOfUpload ? hold.RecheckAfterUploadSeconds : hold.RecheckSeconds;
            toldOfUpload = await WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(recheck));
            draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftAndNumberInvoice, request, Retry);
        }

        return draft;
    }

    /// <summary>True when a stored tax table woke the close, false when the re-check timer did.</summary>
    internal static async Task<bool> WaitForTaxTablesAsync(TaskOrchestrationContext context, TimeSpan recheck)
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
