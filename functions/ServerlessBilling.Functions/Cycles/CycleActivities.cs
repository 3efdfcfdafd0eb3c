using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The activities of <see cref="CloseCycleOrchestration"/>, each one call into <see cref="CycleClosing"/>; every tax
/// notice of a draft and of a final invoice is logged, a hold as a warning.</summary>
public sealed partial class CycleActivities(CycleClosing closing, ILogger<CycleActivities> logger)
{
    public const string DraftInvoice = nameof(DraftInvoice);
    public const string AssignInvoiceNumber = nameof(AssignInvoiceNumber);
    public const string FinalizeInvoice = nameof(FinalizeInvoice);

    [Function(DraftInvoice)]
    public async Task<InvoiceSummary> Draft([ActivityTrigger] CycleRequest request, CancellationToken cancellationToken)
    {
        var draft = await closing.DraftAsync(request, cancellationToken);
        if (draft.AwaitingTaxData is { } hold)
        {
            foreach (var missing in hold.Missing)
            {
                LogHeld(logger, request.InstanceId, draft.InvoiceId, missing.RuleKey, missing.Table, missing.Date, missing.Location ?? "the account", missing.Detail);
            }
        }

        return draft;
    }

    [Function(AssignInvoiceNumber)]
    public Task<string> AssignNumber([ActivityTrigger] string invoiceId, CancellationToken cancellationToken) =>
        closing.AssignNumberAsync(invoiceId, cancellationToken);

    [Function(FinalizeInvoice)]
    public async Task<InvoiceSummary> Finalize([ActivityTrigger] FinalizeRequest request, CancellationToken cancellationToken)
    {
        var invoice = await closing.FinalizeAsync(
            request.AccountId,
            request.InvoiceId,
            request.Number,
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(request.IssuedAtUtc, DateTimeKind.Utc)),
            cancellationToken);
        LogNotices(invoice);
        return invoice;
    }

    /// <summary>A missing rate or a tax service failure that did not hold the close (the warn policy) is a warning; other notices are information.</summary>
    private void LogNotices(InvoiceSummary invoice)
    {
        foreach (var n in invoice.TaxNotices)
        {
            if (n.Reason == TaxNoticeReason.NoRateForDate)
            {
                LogMissingRate(logger, invoice.InvoiceId, invoice.Number, n.RuleKey, n.Table, n.Date, n.Location ?? "the account", n.Detail);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {InvoiceId} ({Number}) goes without rule {RuleKey}: tax table {Table} has no rate on {Date} for {Location}: {Detail}")]
    private static partial void LogMissingRate(ILogger logger, string invoiceId, string? number, string ruleKey, string? table, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {InvoiceId} ({Number}) goes with what the tax service answered ({Reason}) on {Date} for {Location}: {Detail}")]
    private static partial void LogServiceFailure(ILogger logger, string invoiceId, string? number, TaxNoticeReason reason, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {InvoiceId} ({Number}) tax notice {Reason} on rule {RuleKey} of tax table {Table} on {Date} for {Location}: {Detail}")]
    private static partial void LogNotice(ILogger logger, string invoiceId, string? number, TaxNoticeReason reason, string ruleKey, string? table, string? date, string location, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Close {InstanceId} holds invoice {InvoiceId} before numbering: rule {RuleKey} of tax table {Table} has no rate on {Date} for {Location}: {Detail}")]
    private static partial void LogHeld(ILogger logger, string instanceId, string invoiceId, string ruleKey, string? table, string? date, string location, string detail);
}
