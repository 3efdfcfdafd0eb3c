using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Payments;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Payments;

/// <summary>The activities of <see cref="CollectInvoiceOrchestration"/> and the hand-over of a late fee's own invoice to its collection; charges, dunning steps and the
/// hand-overs are spans of the invoice's trace (<see cref="InvoiceTrace"/>) and log records with the invoice and attempt.</summary>
public sealed partial class PaymentActivities(
    InvoiceCollection collection, DunningSteps dunning, LateFeeInvoices lateFeeInvoices, BillingMetrics metrics, ILogger<PaymentActivities> logger)
{
    public const string OpenCollection = nameof(OpenCollection);
    public const string ReadCollection = nameof(ReadCollection);
    public const string ChargeInvoice = nameof(ChargeInvoice);
    public const string ApplyDunningStep = nameof(ApplyDunningStep);
    public const string StartLateFeeCollection = nameof(StartLateFeeCollection);

    [Function(OpenCollection)]
    public Task<CollectionState> Open([ActivityTrigger] CollectionRequest request, CancellationToken cancellationToken) =>
        collection.OpenAsync(request, cancellationToken);

    [Function(ReadCollection)]
    public Task<CollectionState> Read([ActivityTrigger] CollectionRequest request, CancellationToken cancellationToken) =>
        collection.ReadAsync(request, cancellationToken);

    [Function(ChargeInvoice)]
    public async Task<ChargeOutcome> Charge([ActivityTrigger] ChargeInvoiceInput input, CancellationToken cancellationToken)
    {
        using var span = InvoiceTrace.Start(ChargeInvoice, input.Request.InvoiceId, input.Request.AccountId)?.SetTag(TelemetryTags.Attempt, input.Attempt);
        var outcome = await collection.ChargeAsync(input.Request, input.Attempt, cancellationToken);
        span?.SetTag("billing.charge_status", outcome.Status.ToString());
        LogCharged(logger, input.Request.AccountId, input.Request.InvoiceId, input.Attempt, outcome.Status, outcome.DeclineCode);
        return outcome;
    }

    [Function(ApplyDunningStep)]
    public async Task<CollectionState> Apply([ActivityTrigger] DunningStep step, CancellationToken cancellationToken)
    {
        using var span = InvoiceTrace.Start(ApplyDunningStep, step.InvoiceId, step.AccountId)?.SetTag("billing.dunning_step", step.Kind.ToString());
        var state = await dunning.ApplyAsync(step, cancellationToken);
        metrics.DunningStep(step.Kind);
        LogDunning(logger, step.AccountId, step.InvoiceId, step.Kind, step.Ordinal);
        return state;
    }

    /// <summary>Starts the collection of the invoice a late-fee step issued of its own, once; nothing when the step issued none.</summary>
    [Function(StartLateFeeCollection)]
    public async Task<bool> StartLateFee([ActivityTrigger] DunningStep step, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await lateFeeInvoices.CollectionOfAsync(step, cancellationToken) is { } request
        && await new DurableCollections(client).EnsureStartedAsync(request, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} invoice {InvoiceId} charge attempt {Attempt}: {Status} {DeclineCode}")]
    private static partial void LogCharged(ILogger logger, string accountId, string invoiceId, int attempt, ChargeAttemptStatus status, string? declineCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} invoice {InvoiceId} dunning step {Step} ({Ordinal})")]
    private static partial void LogDunning(ILogger logger, string accountId, string invoiceId, DunningStepKind step, int ordinal);
}
