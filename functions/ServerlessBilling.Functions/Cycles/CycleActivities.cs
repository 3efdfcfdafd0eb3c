using Microsoft.Azure.Functions.Worker;
using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The activities of <see cref="CloseCycleOrchestration"/>, each one call into <see cref="CycleClosing"/>.</summary>
public sealed class CycleActivities(CycleClosing closing)
{
    public const string DraftInvoice = nameof(DraftInvoice);
    public const string AssignInvoiceNumber = nameof(AssignInvoiceNumber);
    public const string FinalizeInvoice = nameof(FinalizeInvoice);

    [Function(DraftInvoice)]
    public Task<InvoiceSummary> Draft([ActivityTrigger] CycleRequest request, CancellationToken cancellationToken) =>
        closing.DraftAsync(request, cancellationToken);

    [Function(AssignInvoiceNumber)]
    public Task<string> AssignNumber([ActivityTrigger] string invoiceId, CancellationToken cancellationToken) =>
        closing.AssignNumberAsync(invoiceId, cancellationToken);

    [Function(FinalizeInvoice)]
    public Task<InvoiceSummary> Finalize([ActivityTrigger] FinalizeRequest request, CancellationToken cancellationToken) =>
        closing.FinalizeAsync(
            request.AccountId,
            request.InvoiceId,
            request.Number,
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(request.IssuedAtUtc, DateTimeKind.Utc)),
            cancellationToken);
}
