using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Closes one account's period: draft from rated usage, a gapless number, the final JSON and PDF, then hands the
/// invoice to its own collection orchestration (payment and dunning outlive the close). Only sequences activities; every step is idempotent.</summary>
/// <remarks><para>
/// One activity a close when nothing holds it (<see cref="CycleActivities.CloseInvoice"/>: draft, number, issue and start the collection).
/// Each activity costs the engine about ten storage requests (its messages, history and instance rows), more than the work it runs. When
/// that activity comes back held, or fails, the close goes on staged from where it stopped, in the two activities of the earlier sequence:
/// drafting and numbering in one (<see cref="CycleActivities.DraftAndNumberInvoice"/>), issuing and starting the collection in the other
/// (<see cref="CycleActivities.IssueInvoice"/>), each retried and each idempotent by the invoice id, so nothing done is done twice and the
/// console shows the step a failing close is at.
/// </para><para>
/// A draft a tax table has no rate for is held before numbering (<see cref="TaxDataHold"/>): the close shows
/// <c>awaitingTaxData</c> and waits for <see cref="HeldCycleCloses.TaxTablesChanged"/> (raised when a table is stored) or
/// its re-check timer, whichever comes first, then drafts again. The number is taken only once a draft is not held.
/// A numbered invoice whose taxes a tax service committed differently (a rate changed between draft and numbering) is held
/// the same way before it is issued, then drafted again at the service's rates and finalized under the number it has.
/// </para><para>
/// A close finishes on the sequence it was started with (<see cref="CloseCycleInput.Steps"/>): one without a step version on the four
/// activities its history holds (<see cref="CloseCycleFourSteps"/>), one started with two activities staged from its start; a close held
/// for tax data can wait on its timer for days.
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
            return input.Steps switch
            {
                null => await CloseCycleFourSteps.CloseAsync(context, request, Retry),
                CloseCycleInput.TwoActivities => await CloseStagedAsync(context, request, context.CurrentUtcDateTime),
                _ => await CloseInOneAsync(context, request),
            };
        }
        catch (TaskFailedException)
        {
            // Counted here, once, rather than in each failing attempt: the retries of a step are not closes that failed.
            await context.CallActivityAsync(CycleActivities.RecordCloseFailed, request);
            throw;
        }
    }

    private static async Task<InvoiceSummary> CloseInOneAsync(TaskOrchestrationContext context, CycleRequest request)
    {
        var startedAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(CloseProgress.At(CloseProgress.Closing));
        CloseInvoiceOutcome outcome;
        try
        {
            // Without retries: a failing attempt goes on staged, whose retries show on the console the step that fails.
            outcome = await context.CallActivityAsync<CloseInvoiceOutcome>(
                CycleActivities.CloseInvoice, new CloseInvoiceRequest(request.AccountId, request.PeriodStart, startedAt));
        }
        catch (TaskFailedException)
        {
            return await CloseStagedAsync(context, request, startedAt); // failed before its number: drafted again
        }

        var closed = outcome.Invoice;
        if (outcome.IssuingFailed is not null)
        {
            return await IssueAsync(context, request, closed, startedAt); // the numbered draft, issued as it is
        }

        if (closed.AwaitingTaxData is null)
        {
            context.SetCustomStatus(CloseProgress.At("finalized", closed));
            return closed;
        }

        if (closed.Number is { } number)
        {
            return await UntilIssuedAsync(context, request, number, closed, startedAt); // the tax service committed other taxes
        }

        var draft = await DraftAsync(context, request, held: closed);
        return await IssueAsync(context, request, draft, startedAt);
    }

    /// <summary>The two-activity close, from its draft: the sequence of closes started with <see cref="CloseCycleInput.TwoActivities"/>,
    /// and where a one-activity close goes on when that activity failed.</summary>
    private static async Task<InvoiceSummary> CloseStagedAsync(TaskOrchestrationContext context, CycleRequest request, DateTime startedAt)
    {
        context.SetCustomStatus(CloseProgress.At(CloseProgress.Drafting));
        var draft = await DraftAsync(context, request);
        return await IssueAsync(context, request, draft, startedAt);
    }

    private static async Task<InvoiceSummary> IssueAsync(TaskOrchestrationContext context, CycleRequest request, InvoiceSummary draft, DateTime startedAt)
    {
        var number = draft.Number ?? throw new InvalidOperationException($"Invoice '{draft.InvoiceId}' came back from drafting without a number.");
        context.SetCustomStatus(CloseProgress.At("rendering", draft));
        var invoice = await context.CallActivityAsync<InvoiceSummary>(
            CycleActivities.IssueInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), Retry);
        return await UntilIssuedAsync(context, request, number, invoice, startedAt);
    }

    /// <summary>While the tax service committed other taxes than the draft's: held unissued, then drafted again at its current rates under the same number.</summary>
    private static async Task<InvoiceSummary> UntilIssuedAsync(
        TaskOrchestrationContext context, CycleRequest request, string number, InvoiceSummary invoice, DateTime startedAt)
    {
        while (invoice.AwaitingTaxData is { } differs)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, invoice.TaxNotices, differs));
            await WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(differs.RecheckSeconds));
            var draft = await DraftAsync(context, request);
            context.SetCustomStatus(CloseProgress.At("rendering", draft));
            invoice = await context.CallActivityAsync<InvoiceSummary>(
                CycleActivities.IssueInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), Retry);
        }

        context.SetCustomStatus(CloseProgress.At("finalized", invoice));
        return invoice;
    }

    /// <summary>The draft with its number, drafted again for as long as a tax table has no rate for it (a held draft is not numbered);
    /// from <paramref name="held"/> when the one-activity close came back held before numbering.</summary>
    private static async Task<InvoiceSummary> DraftAsync(TaskOrchestrationContext context, CycleRequest request, InvoiceSummary? held = null)
    {
        var draft = held ?? await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftAndNumberInvoice, request, Retry);
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
