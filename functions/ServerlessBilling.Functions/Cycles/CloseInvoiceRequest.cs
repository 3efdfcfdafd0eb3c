namespace ServerlessBilling.Functions.Cycles;

/// <summary>Input of the one-activity close (<see cref="CycleActivities.CloseInvoice"/>): the period to close, and the orchestration's
/// replay-safe start time, which is both the invoice's issue time and the start of the close's duration.</summary>
public sealed record CloseInvoiceRequest(string AccountId, string PeriodStart, DateTime StartedAtUtc);
