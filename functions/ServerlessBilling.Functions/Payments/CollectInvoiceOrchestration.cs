using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Collects one final invoice: charges it, and while it stays unpaid runs the account's dunning policy on durable
/// timers until it is paid or written off. The decisions are <see cref="DunningProgress"/>'s; this only carries them out.</summary>
/// <remarks>A payment, a gateway notification or a new payment method raises <see cref="WakeEvent"/>, which cuts a wait short. A collection
/// started by its invoice's close begins with the receivable the close opened (<see cref="CollectInvoiceInput.Opened"/>) and, when the
/// close asked for a payment method already, past that step (<see cref="CollectInvoiceInput.FirstStep"/>).</remarks>
public static class CollectInvoiceOrchestration
{
    public const string Name = "CollectInvoice";
    public const string WakeEvent = "collection-wake";

    /// <summary>Far more steps than any policy takes (each retry is a few); a loop beyond it is a bug, not a customer.</summary>
    private const int MaxSteps = 1000;

    /// <summary>Retries a step whose outcome is unknown (storage or gateway unreachable); a charge retried this way keeps its attempt number, so its idempotency key.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    [Function(Name)]
    public static async Task<CollectionResult> Run([OrchestrationTrigger] TaskOrchestrationContext context, CollectInvoiceInput input)
    {
        // Opened by the close that issued the invoice (one activity fewer), or here for a collection started otherwise or before.
        var request = input.Request;
        var state = input.Opened ?? await context.CallActivityAsync<CollectionState>(PaymentActivities.OpenCollection, request, Retry);
        var progress = DunningProgress.Start(state, Now(context), request.AfterReversal);
        if (input.FirstStep is { } taken)
        {
            // Taken by the close as it opened the receivable (a request for a payment method): the state is the one it left.
            progress = progress.After(new DunningAction.Apply(taken.Kind, taken.Ordinal, taken.At), state, Now(context));
        }

        Task<string>? wake = null;
        for (var step = 0; step < MaxSteps; step++)
        {
            var now = Now(context);
            var action = progress.Next(state, now);
            switch (action)
            {
                case DunningAction.Finish:
                    context.SetCustomStatus(state.Paid ? "paid" : "written off");
                    return new CollectionResult(state.InvoiceId, state.Paid, state.BalanceDue);

                case DunningAction.Charge charge:
                    context.SetCustomStatus($"charging, attempt {charge.Attempt}");
                    var outcome = await context.CallActivityAsync<ChargeOutcome>(
                        PaymentActivities.ChargeInvoice, new ChargeInvoiceInput(request, charge.Attempt), Retry);
                    state = outcome.State;
                    progress = progress.After(action, state, now, outcome.Status);
                    break;

                case DunningAction.Apply apply:
                    var dunningStep = new DunningStep(request.AccountId, request.InvoiceId, request.CollectionId, apply.Kind, apply.Ordinal, apply.At);
                    state = await context.CallActivityAsync<CollectionState>(PaymentActivities.ApplyDunningStep, dunningStep, Retry);
                    if (apply.Kind == DunningStepKind.LateFee && state.Policy.LateFee is { Placement: LateFeePlacement.OwnInvoice })
                    {
                        await context.CallActivityAsync<bool>(PaymentActivities.StartLateFeeCollection, dunningStep, Retry);
                    }

                    progress = progress.After(action, state, now);
                    break;

                case DunningAction.Wait wait:
                    context.SetCustomStatus(wait.Until is { } until ? $"waiting until {until.ToDateTimeUtc():O}" : "waiting for payment");
                    wake ??= context.WaitForExternalEvent<string>(WakeEvent);
                    if (!await WokenBeforeAsync(context, wake, wait.Until))
                    {
                        break;
                    }

                    // One wait per wake-up: a fresh one for the next, so no stale waiter swallows an event.
                    wake = null;
                    state = await context.CallActivityAsync<CollectionState>(PaymentActivities.ReadCollection, request, Retry);
                    progress = progress.Woken(state, Now(context));
                    break;
            }
        }

        throw new InvalidOperationException($"Collection {request.CollectionId} took {MaxSteps} steps without settling.");
    }

    /// <summary>The orchestration's replay-safe clock, as the instant the planner reads.</summary>
    private static Instant Now(TaskOrchestrationContext context) => Instant.FromDateTimeUtc(context.CurrentUtcDateTime);

    /// <returns>True when the wake-up came first; false when the timer fired.</returns>
    private static async Task<bool> WokenBeforeAsync(TaskOrchestrationContext context, Task<string> wake, Instant? wakeAt)
    {
        if (wakeAt is not { } until)
        {
            await wake;
            return true;
        }

        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(until.ToDateTimeUtc(), cancelTimer.Token);
        if (await Task.WhenAny(wake, timer) == timer)
        {
            return false;
        }

        // A timer left pending would keep the instance running after it returns.
        cancelTimer.Cancel();
        return true;
    }
}
