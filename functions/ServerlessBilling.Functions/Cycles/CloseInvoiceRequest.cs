using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Input of the one-activity close (<see cref="CycleActivities.CloseInvoice"/>): the period to close, and the orchestration's
/// replay-safe start time, which is both the invoice's issue time and the start of the close's duration.</summary>
public sealed record CloseInvoiceRequest(string AccountId, string PeriodStart, DateTime StartedAtUtc);

/// <summary>What the one-activity close came to: the invoice issued, or held (<see cref="InvoiceSummary.AwaitingTaxData"/>: without a
/// number before numbering, with it before issuing), or numbered but not issued because issuing failed.</summary>
/// <param name="IssuingFailed">The error of the issuing half when it failed after the draft was numbered: the orchestration retries
/// issuing alone (<see cref="CycleActivities.IssueInvoice"/>), so the draft the number was given to is the one issued.</param>
public sealed record CloseInvoiceOutcome(InvoiceSummary Invoice, string? IssuingFailed = null);
