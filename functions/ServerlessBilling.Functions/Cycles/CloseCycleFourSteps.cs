using Microsoft.DurableTask;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The close as it ran before the two-activity sequence: draft, number, finalize, start the collection, one activity each.</summary>
/// <remarks>Kept for closes started before that sequence was deployed (their input has no <see cref="CloseCycleInput.Steps"/>): the
/// engine replays an instance's history against the code, and a close held for tax data can wait on its timer for days, so such a
/// close must schedule the same activities in the same order to finish. The activities it calls are kept registered
/// (<see cref="CycleActivities.DraftInvoice"/> and its siblings). Remove once no instance without a step version is running.</remarks>
internal static class CloseCycleFourSteps
{
    public static async Task<InvoiceSummary> CloseAsync(TaskOrchestrationContext context, CycleRequest request, TaskOptions retry)
    {
        var startedAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(CloseProgress.At(CloseProgress.Drafting));
        var draft = await DraftAsync(context, request, retry);
        context.SetCustomStatus(CloseProgress.At("numbering", draft));
        var number = await context.CallActivityAsync<string>(CycleActivities.AssignInvoiceNumber, draft.InvoiceId, retry);
        context.SetCustomStatus(CloseProgress.At("rendering", draft));
        var invoice = await context.CallActivityAsync<InvoiceSummary>(
            CycleActivities.FinalizeInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), retry);

        while (invoice.AwaitingTaxData is { } differs)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, invoice.TaxNotices, differs));
            await CloseCycleOrchestration.WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(differs.RecheckSeconds));
            draft = await DraftAsync(context, request, retry);
            context.SetCustomStatus(CloseProgress.At("rendering", draft));
            invoice = await context.CallActivityAsync<InvoiceSummary>(
                CycleActivities.FinalizeInvoice, new FinalizeRequest(request.AccountId, draft.InvoiceId, number, context.CurrentUtcDateTime, startedAt), retry);
        }

        context.SetCustomStatus(CloseProgress.At("collecting", invoice));
        await context.CallActivityAsync<bool>(CycleActivities.StartCollection, new CollectionRequest(invoice.AccountId, invoice.InvoiceId), retry);
        context.SetCustomStatus(CloseProgress.At("finalized", invoice));
        return invoice;
    }

    private static async Task<InvoiceSummary> DraftAsync(TaskOrchestrationContext context, CycleRequest request, TaskOptions retry)
    {
        var draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftInvoice, request, retry);
        var toldOfUpload = false;
        while (draft.AwaitingTaxData is { } hold)
        {
            context.SetCustomStatus(new CloseProgress(TaxDataHold.Status, draft.TaxNotices, hold));
            var recheck = toldOfUpload ? hold.RecheckAfterUploadSeconds : hold.RecheckSeconds;
            toldOfUpload = await CloseCycleOrchestration.WaitForTaxTablesAsync(context, TimeSpan.FromSeconds(recheck));
            draft = await context.CallActivityAsync<InvoiceSummary>(CycleActivities.DraftInvoice, request, retry);
        }

        return draft;
    }
}
