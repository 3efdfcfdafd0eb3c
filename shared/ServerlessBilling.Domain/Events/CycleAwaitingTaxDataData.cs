namespace ServerlessBilling.Events;

/// <summary>Payload of <see cref="DomainEvent.CycleAwaitingTaxData"/>: a close stopped before numbering because a tax table has
/// no rate for the invoice's date; it resumes by itself once a table covering <see cref="Tax.TaxNotice.Date"/> is stored.</summary>
public sealed record CycleAwaitingTaxDataData(string AccountId, string PeriodStart, string InstanceId, string InvoiceId, IReadOnlyList<Tax.TaxNotice> Missing);
