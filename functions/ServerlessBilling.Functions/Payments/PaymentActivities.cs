using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>The activities of <see cref="CollectInvoiceOrchestration"/>, and the close's hand-over to it.</summary>
public sealed class PaymentActivities(InvoiceCollection collection, DunningSteps dunning, LateFeeInvoices lateFeeInvoices)
{
    public const string OpenCollection = nameof(OpenCollection);
    public const string ReadCollection = nameof(ReadCollection);
    public const string ChargeInvoice = nameof(ChargeInvoice);
    public const string ApplyDunningStep = nameof(ApplyDunningStep);
    public const string StartCollection = nameof(StartCollection);
    public const string StartLateFeeCollection = nameof(StartLateFeeCollection);

    [Function(OpenCollection)]
    public Task<CollectionState> Open([ActivityTrigger] CollectionRequest request, CancellationToken cancellationToken) =>
        collection.OpenAsync(request, cancellationToken);

    [Function(ReadCollection)]
    public Task<CollectionState> Read([ActivityTrigger] CollectionRequest request, CancellationToken cancellationToken) =>
        collection.ReadAsync(request, cancellationToken);

    [Function(ChargeInvoice)]
    public Task<ChargeOutcome> Charge([ActivityTrigger] ChargeInvoiceInput input, CancellationToken cancellationToken) =>
        collection.ChargeAsync(input.Request, input.Attempt, cancellationToken);

    [Function(ApplyDunningStep)]
    public Task<CollectionState> Apply([ActivityTrigger] DunningStep step, CancellationToken cancellationToken) =>
        dunning.ApplyAsync(step, cancellationToken);

    /// <summary>Starts the invoice's collection once; the close ends here and the collection lives on its own.</summary>
    [Function(StartCollection)]
    public static Task<bool> Start([ActivityTrigger] CollectionRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        new DurableCollections(client).EnsureStartedAsync(request, cancellationToken);

    /// <summary>Starts the collection of the invoice a late-fee step issued of its own, once; nothing when the step issued none.</summary>
    [Function(StartLateFeeCollection)]
    public async Task<bool> StartLateFee([ActivityTrigger] DunningStep step, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await lateFeeInvoices.CollectionOfAsync(step, cancellationToken) is { } request
        && await new DurableCollections(client).EnsureStartedAsync(request, cancellationToken);
}
