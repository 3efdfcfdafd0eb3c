using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Tax;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The activities of <see cref="CloseCycleOrchestration"/>, each a few calls into <see cref="CycleClosing"/>; every tax
/// notice of a draft and of a final invoice is logged, a hold as a warning. Each step is a span of the invoice's trace
/// (<see cref="InvoiceTrace"/>: draft, number, finalize, collection start), emitted here rather than in the orchestrator, whose replays would repeat it.</summary>
public sealed partial class CycleActivities(CycleClosing closing, DunningSteps dunning, BillingMetrics metrics, ILogger<CycleActivities> logger)
{
    public const string CloseInvoice = nameof(CloseInvoice);
    public const string DraftAndNumberInvoice = nameof(DraftAndNumberInvoice);
    public const string IssueInvoice = nameof(IssueInvoice);
    public const string RecordCloseFailed = nameof(RecordCloseFailed);

    /// <summary>The names of the steps' spans: an activity runs more than one step.</summary>
    public const string DraftStep = "DraftInvoice", NumberStep = "AssignInvoiceNumber", FinalizeStep = "FinalizeInvoice", CollectionStep = "StartCollection";

    /// <summary>The whole close when nothing holds it: drafts, numbers, issues and starts the collection (<see cref="DraftAndNumber"/>,
    /// then <see cref="Issue"/>). Held before numbering it returns the draft without a number; held before issuing, the numbered invoice
    /// unissued; either with its hold, and the orchestration goes on staged from there. A failure before the number is thrown (the
    /// orchestration goes on staged from the draft); one while issuing is returned with the numbered draft, so only issuing is retried.</summary>
    [Function(CloseInvoice)]
    public async Task<CloseInvoiceOutcome> Close([ActivityTrigger] CloseInvoiceRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var draft = await DraftAndNumber(new CycleRequest(request.AccountId, request.PeriodStart), cancellationToken);
        if (draft.AwaitingTaxData is not null)
        {
            return new CloseInvoiceOutcome(draft);
        }

        var number = draft.Number ?? throw new InvalidOperationException($"Invoice '{draft.InvoiceId}' came back from drafting without a number.");
        try
        {
            return new CloseInvoiceOutcome(await Issue(new FinalizeRequest(request.AccountId, draft.InvoiceId, number, request.StartedAtUtc, request.StartedAtUtc), client, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIssuingRetried(logger, draft.InvoiceId, number, e);
            return new CloseInvoiceOutcome(draft, e.Message);
        }
    }

    /// <summary>Drafts the invoice and, unless a tax table holds the draft, gives it its gapless number (the same one on a retry).</summary>
    [Function(DraftAndNumberInvoice)]
    public async Task<InvoiceSummary> DraftAndNumber([ActivityTrigger] CycleRequest request, CancellationToken cancellationToken)
    {
        var draft = await DraftLoggedAsync(request, cancellationToken);
        if (draft.AwaitingTaxData is not null || draft.Number is not null)
        {
            return draft; // held before numbering, or issued before: a close run again after it finished
        }

        return draft with { Number = await NumberLoggedAsync(draft.InvoiceId, request.AccountId, cancellationToken) };
    }

    /// <summary>The draft, its span and log records; a hold counted and each missing rate logged as a warning.</summary>
    private async Task<InvoiceSummary> DraftLoggedAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var draft = await Observed(() => closing.DraftAsync(request, cancellationToken));

        // The invoice id (and so its trace) is known once drafted: the span starts when the work did.
        using var span = InvoiceTrace.Start(DraftStep, draft.InvoiceId, request.AccountId, started);
        LogDrafted(logger, request.InstanceId, request.AccountId, draft.InvoiceId, draft.Lines);
        if (draft.AwaitingTaxData is { } hold)
        {
            metrics.Close("held");
            foreach (var missing in hold.Missing)
            {
                LogHeld(logger, request.InstanceId, draft.InvoiceId, missing.RuleKey, missing.Table, missing.Date, missing.Location ?? "the account", missing.Detail);
            }
        }

        return draft;
    }

    private async Task<string> NumberLoggedAsync(string invoiceId, string? accountId, CancellationToken cancellationToken)
    {
        using var span = InvoiceTrace.Start(NumberStep, invoiceId, accountId);
        var number = await Observed(() => closing.AssignNumberAsync(invoiceId, cancellationToken), span);
        LogNumbered(logger, invoiceId, number);
        return number;
    }

    /// <summary>Finalizes the numbered invoice (JSON, PDF, usage detail) and, once it is issued, opens its receivable and starts its
    /// collection with the opened state; a held invoice is returned unissued with its hold.</summary>
    /// <remarks>The receivable is opened here, from the account and invoice the finalizing read, rather than in the collection's first
    /// activity: an activity costs the engine about ten storage requests, and the account and invoice would be read again.</remarks>
    [Function(IssueInvoice)]
    public async Task<InvoiceSummary> Issue([ActivityTrigger] FinalizeRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        CollectionOpening? opened = null;
        var invoice = await FinalizeLoggedAsync(request, cancellationToken, async (account, final, ct) =>
            opened = await OpenLoggedAsync(new CollectionRequest(final.AccountId, final.Id), account, final, ct));
        if (invoice.AwaitingTaxData is null)
        {
            var collect = new CollectionRequest(invoice.AccountId, invoice.InvoiceId);
            await StartCollectionAsync(collect, client, cancellationToken, opened ?? throw new InvalidOperationException($"Invoice '{invoice.InvoiceId}' was issued without its receivable."));
            Issued(request, invoice);
        }

        return invoice;
    }

    /// <summary>Opens the receivable and, when the collection would begin by asking for a payment method, asks for it: counted, logged and
    /// traced as the collection's <see cref="PaymentActivities.ApplyDunningStep"/> is.</summary>
    private async Task<CollectionOpening> OpenLoggedAsync(CollectionRequest request, Account account, Invoice final, CancellationToken cancellationToken)
    {
        var opened = await dunning.OpenAndBeginAsync(request, account, final, cancellationToken);
        if (opened.FirstStep is { } step)
        {
            using var span = InvoiceTrace.Start(PaymentActivities.ApplyDunningStep, step.InvoiceId, step.AccountId)?.SetTag("billing.dunning_step", step.Kind.ToString());
            metrics.DunningStep(step.Kind);
            LogDunning(logger, step.AccountId, step.InvoiceId, step.Kind, step.Ordinal);
        }

        return opened;
    }

    /// <summary>The final invoice, its span, and its hold counted and logged when the tax service committed other taxes.</summary>
    private async Task<InvoiceSummary> FinalizeLoggedAsync(
        FinalizeRequest request, CancellationToken cancellationToken, Func<Account, Invoice, CancellationToken, Task>? issued = null)
    {
        InvoiceSummary invoice;
        using (var span = InvoiceTrace.Start(FinalizeStep, request.InvoiceId, request.AccountId))
        {
            invoice = await Observed(
                () => closing.FinalizeAsync(
                    request.AccountId,
                    request.InvoiceId,
                    request.Number,
                    Instant.FromDateTimeUtc(DateTime.SpecifyKind(request.IssuedAtUtc, DateTimeKind.Utc)),
                    cancellationToken,
                    issued),
                span);
        }

        if (invoice.AwaitingTaxData is { } hold)
        {
            metrics.Close("held");
            foreach (var differs in hold.Missing)
            {
                LogHeld(logger, $"cycle:{request.AccountId}", request.InvoiceId, differs.RuleKey, differs.Table, differs.Date, differs.Location ?? "the account", differs.Detail);
            }
        }

        return invoice;
    }

    /// <summary>Payment and dunning outlive the close: the collection is an orchestration of its own, started once under the invoice's id,
    /// with the state its receivable was opened with when the close opened it (null: the collection opens it itself).</summary>
    private async Task<bool> StartCollectionAsync(CollectionRequest request, DurableTaskClient client, CancellationToken cancellationToken, CollectionOpening? opened = null)
    {
        using var span = InvoiceTrace.Start(CollectionStep, request.InvoiceId, request.AccountId);
        var collections = new DurableCollections(client);
        return await Observed(
            () => opened is null ? collections.EnsureStartedAsync(request, cancellationToken) : collections.EnsureStartedAsync(request, opened, cancellationToken), span);
    }

    private void Issued(FinalizeRequest request, InvoiceSummary invoice)
    {
        metrics.CloseCompleted(request.IssuedAtUtc - (request.CloseStartedUtc ?? request.IssuedAtUtc));
        metrics.Finalized(invoice);
        LogFinalized(logger, request.AccountId, request.InvoiceId, request.Number, invoice.Total, invoice.Currency);
        LogNotices(invoice);
    }

    /// <summary>The close's steps ran out of retries: counted once, and logged as an error naming the close.</summary>
    [Function(RecordCloseFailed)]
    public void CloseFailed([ActivityTrigger] CycleRequest request)
    {
        metrics.Close("failed");
        LogCloseFailed(logger, request.InstanceId, request.AccountId, request.PeriodStart);
    }

    /// <summary>A step that throws is counted as a failed step attempt (the orchestrator retries it, then the close fails).</summary>
    private async Task<T> Observed<T>(Func<Task<T>> step, System.Diagnostics.Activity? span = null)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            span.Failed(e);
            metrics.Close("step_failed");
            throw;
        }
    }

    /// <summary>A missing rate or a tax service failure that did not hold the close (the warn policy), and a state no table covers, are
    /// warnings; other notices are information.</summary>
    private void LogNotices(InvoiceSummary invoice)
    {
        foreach (var n in invoice.TaxNotices)
        {
            if (n.Reason == TaxNoticeReason.NoRateForDate)
            {
                LogMissingRate(logger, invoice.InvoiceId, invoice.Number, n.RuleKey, n.Table, n.Date, n.Location ?? "the account", n.Detail);
            }
            else if (n.Reason == TaxNoticeReason.JurisdictionNotCovered)
            {
                LogNotCovered(logger, invoice.InvoiceId, invoice.Number, n.RuleKey, n.Date, n.Location ?? "the account", n.Detail);
            }
            else if (n.Reason is TaxNoticeReason.ServiceError or TaxNoticeReason.ServiceUnavailable)
            {
                LogServiceFailure(logger, invoice.InvoiceId, invoice.Number, n.Reason, n.Date, n.Location ?? "the account", n.Detail);
            }
            else
            {
                LogNotice(logger, invoice.InvoiceId, invoice.Number, n.Reason, n.RuleKey, n.Table, n.Date, n.Location ?? "the account", n.Detail);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Close {InstanceId} of account {AccountId} drafted invoice {InvoiceId} with {Lines} lines")]
    private static partial void LogDrafted(ILogger logger, string instanceId, string accountId, string invoiceId, int lines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Close {InstanceId} of account {AccountId} for the period from {PeriodStart} failed: its steps ran out of retries")]
    private static partial void LogCloseFailed(ILogger logger, string instanceId, string accountId, string periodStart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {InvoiceId} ({Number}) was not issued by its close's first attempt; issuing is retried on its own")]
    private static partial void LogIssuingRetried(ILogger logger, string invoiceId, string number, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} invoice {InvoiceId} dunning step {Step} ({Ordinal}), taken as it was issued")]
    private static partial void LogDunning(ILogger logger, string accountId, string invoiceId, DunningStepKind step, int ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {InvoiceId} numbered {Number}")]
    private static partial void LogNumbered(ILogger logger, string invoiceId, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} invoice {InvoiceId} ({Number}) finalized: {Total} {Currency}")]
    private static partial void LogFinalized(ILogger logger, string accountId, string invoiceId, string number, decimal total, string currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {InvoiceId} ({Number}) goes without rule {RuleKey}: tax table {Table} has no rate on {Date} for {Location}: {Detail}")]
    private static partial void LogMissingRate(ILogger logger, string invoiceId, string? number, string ruleKey, string? table, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {InvoiceId} ({Number}) is taxed by the federal rules only in {Jurisdiction} on {Date} for {Location}: {Detail}")]
    private static partial void LogNotCovered(ILogger logger, string invoiceId, string? number, string jurisdiction, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {InvoiceId} ({Number}) goes with what the tax service answered ({Reason}) on {Date} for {Location}: {Detail}")]
    private static partial void LogServiceFailure(ILogger logger, string invoiceId, string? number, TaxNoticeReason reason, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {InvoiceId} ({Number}) tax notice {Reason} on rule {RuleKey} of tax table {Table} on {Date} for {Location}: {Detail}")]
    private static partial void LogNotice(ILogger logger, string invoiceId, string? number, TaxNoticeReason reason, string ruleKey, string? table, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Close {InstanceId} holds invoice {InvoiceId} before numbering: rule {RuleKey} of tax table {Table} has no rate on {Date} for {Location}: {Detail}")]
    private static partial void LogHeld(ILogger logger, string instanceId, string invoiceId, string ruleKey, string? table, string? date, string location, string detail);
}
