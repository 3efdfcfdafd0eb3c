using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Where a close is: its durable instance's state, its step, and once completed its invoice.</summary>
/// <param name="RuntimeStatus">The durable instance's status: Pending, Running, Completed, Failed ...</param>
/// <param name="CustomStatus">The close's step while it runs (<c>drafting</c>, <c>awaiting-tax-data</c> ...).</param>
/// <param name="TaxNotices">What the tax calculation noted, from the invoice or, before there is one, from the draft.</param>
/// <param name="AwaitingTaxData">While the close is held: the tax data it waits for.</param>
/// <param name="Failure">The failure's message when the instance failed.</param>
public sealed record CycleCloseStatus(
    string InstanceId,
    string RuntimeStatus,
    string? CustomStatus,
    InvoiceSummary? Invoice,
    IReadOnlyList<TaxNotice> TaxNotices,
    TaxDataHold? AwaitingTaxData,
    string? Failure);
