using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>Drives the dunning plan the way the orchestration does, with a scripted gateway and a clock that jumps to each wait's end.</summary>
public sealed class DunningProgressTests
{
    private static readonly Instant Issued = Instant.FromUtc(2026, 3, 1, 12, 0, 0);

    private static readonly DunningPolicy Policy = DunningPolicy.Default with
    {
        RetryDelays = [Duration.FromDays(3), Duration.FromDays(5), Duration.FromDays(7)],
        ReminderLead = Duration.FromDays(1),
        WriteOffAfter = Duration.FromDays(90),
    };

    [Fact]
    public void A_first_charge_that_succeeds_ends_the_collection()
    {
        var run = new Simulation(Policy, ChargeAttemptStatus.Succeeded);

        run.RunUntilFinished();

        run.Log.ShouldBe(["charge 1 @0d", "finish @0d"]);
    }

    [Fact]
    public void Retries_count_from_the_first_failure_and_each_is_announced_and_reminded()
    {
        var run = new Simulation(Policy, ChargeAttemptStatus.DeclinedRetryLater, ChargeAttemptStatus.DeclinedRetryLater, ChargeAttemptStatus.Succeeded);

        run.RunUntilFinished();

        run.Log.ShouldBe(
        [
            "charge 1 @0d", "RetryScheduled 1 @0d", "Reminder 1 @2d", "charge 2 @3d",
            "RetryScheduled 2 @3d", "Reminder 2 @4d", "charge 3 @5d", "finish @5d",
        ]);
    }

    [Fact]
    public void After_the_last_retry_fails_the_account_is_suspended_and_a_payment_reinstates_it()
    {
        var run = new Simulation(Policy, Enumerable.Repeat(ChargeAttemptStatus.DeclinedRetryLater, 4).ToArray());

        run.RunUntil(s => s.Suspended);
        run.Pay();
        run.RunUntilFinished();

        run.Log.Where(l => !l.StartsWith("Reminder", StringComparison.Ordinal) && !l.StartsWith("RetryScheduled", StringComparison.Ordinal)).ShouldBe(
            ["charge 1 @0d", "charge 2 @3d", "charge 3 @5d", "charge 4 @7d", "Suspend 3 @7d", "Reinstate 0 @7d", "finish @7d"]);
    }

    [Fact]
    public void A_payment_while_another_invoice_holds_the_suspension_asks_to_reinstate_once_and_finishes()
    {
        var run = new Simulation(Policy, Enumerable.Repeat(ChargeAttemptStatus.DeclinedRetryLater, 4).ToArray()) { AnotherInvoiceHoldsTheSuspension = true };

        run.RunUntil(s => s.Suspended);
        run.Pay();
        run.RunUntilFinished();

        run.Log.Where(l => !l.StartsWith("Reminder", StringComparison.Ordinal) && !l.StartsWith("RetryScheduled", StringComparison.Ordinal)).ShouldBe(
            ["charge 1 @0d", "charge 2 @3d", "charge 3 @5d", "charge 4 @7d", "Suspend 3 @7d", "Reinstate 0 @7d", "finish @7d"]);
        run.State.Suspended.ShouldBeTrue();
    }

    [Fact]
    public void A_do_not_retry_decline_asks_for_a_new_method_at_once_and_charges_the_new_one_when_it_arrives()
    {
        var run = new Simulation(Policy, ChargeAttemptStatus.DeclinedDoNotRetry, ChargeAttemptStatus.Succeeded);

        run.RunUntil(s => run.Log.Any(l => l.StartsWith("PaymentMethodRequired", StringComparison.Ordinal)));
        run.Log.ShouldBe(["charge 1 @0d", "PaymentMethodRequired 2 @0d"]);
        run.AdvanceTo(Duration.FromHours(10));
        run.NewPaymentMethod("pm_new");
        run.RunUntilFinished();

        run.Log.ShouldBe(["charge 1 @0d", "PaymentMethodRequired 2 @0d", "charge 2 @0.4d", "finish @0.4d"]);
    }

    [Fact]
    public void A_processing_charge_that_clears_without_paying_is_a_failure_and_dunning_goes_on()
    {
        var run = new Simulation(Policy, ChargeAttemptStatus.Processing, ChargeAttemptStatus.Succeeded);

        run.RunUntil(s => s.Pending.Amount > 0m);
        run.Log.ShouldBe(["charge 1 @0d"]);
        run.SettlementFailed();
        run.RunUntilFinished();

        run.Log.ShouldBe(["charge 1 @0d", "RetryScheduled 1 @0d", "Reminder 1 @2d", "charge 2 @3d", "finish @3d"]);
    }

    [Fact]
    public void An_invoice_sent_for_payment_is_reminded_after_its_due_moment_with_an_overdue_notice_and_late_fee()
    {
        var policy = Policy with { LateFee = new LateFeePolicy(LateFeeBasis.Flat, 25m, Duration.FromDays(2)) };
        var run = new Simulation(policy, chargeAutomatically: false, dueIn: Duration.FromDays(30));

        run.RunUntil(s => s.Suspended);

        run.Log.ShouldBe(
        [
            "Overdue 0 @30d", "LateFee 1 @32d", "Reminder 1 @33d", "Reminder 2 @35d", "Reminder 3 @37d", "Suspend 3 @37d",
        ]);
    }

    [Fact]
    public void Without_a_payment_method_the_customer_is_asked_for_one_at_once_then_reminded_at_each_retry_moment()
    {
        var run = new Simulation(Policy, chargeAutomatically: true, methodId: null, Duration.FromDays(30), ChargeAttemptStatus.Succeeded);

        run.RunUntil(s => run.Log.Count == 2);
        run.NewPaymentMethod("pm_first");
        run.RunUntilFinished();

        run.Log.ShouldBe(["PaymentMethodRequired 1 @0d", "Reminder 1 @3d", "charge 1 @3d", "finish @3d"]);
    }

    [Fact]
    public void An_unpaid_invoice_is_written_off_after_the_configured_age()
    {
        var run = new Simulation(Policy with { RetryDelays = [Duration.FromDays(1)], SuspendAfterFinalFailure = false },
            ChargeAttemptStatus.DeclinedRetryLater, ChargeAttemptStatus.DeclinedRetryLater);

        run.RunUntilFinished();

        // Due 30 days after issue, written off 90 days after that.
        run.Log.ShouldBe(["charge 1 @0d", "RetryScheduled 1 @0d", "Reminder 1 @0d", "charge 2 @1d", "Overdue 0 @30d", "WriteOff 0 @120d", "finish @120d"]);
    }

    /// <summary>A fake collection: the scripted charge outcomes, a balance, and a clock that jumps to each wait's end.</summary>
    private static Money Usd(decimal amount) => new(amount, "USD");

    private sealed class Simulation
    {
        private readonly Queue<ChargeAttemptStatus> outcomes;
        private DunningProgress progress;
        private Instant now = Issued;

        public Simulation(DunningPolicy policy, params ChargeAttemptStatus[] outcomes)
            : this(policy, chargeAutomatically: true, Duration.FromDays(30), outcomes)
        {
        }

        public Simulation(DunningPolicy policy, bool chargeAutomatically, Duration dueIn, params ChargeAttemptStatus[] outcomes)
            : this(policy, chargeAutomatically, chargeAutomatically ? "pm_1" : null, dueIn, outcomes)
        {
        }

        public Simulation(DunningPolicy policy, bool chargeAutomatically, string? methodId, Duration dueIn, params ChargeAttemptStatus[] outcomes)
        {
            this.outcomes = new Queue<ChargeAttemptStatus>(outcomes);
            State = new CollectionState("inv", "acct", "USD", Usd(100m), Usd(0m), false, methodId is not null, methodId, 1, Issued + dueIn, false, policy, chargeAutomatically);
            progress = DunningProgress.Start(State, now, afterReversal: false);
        }

        public CollectionState State { get; private set; }

        public List<string> Log { get; } = [];

        public void RunUntilFinished() => RunUntil(_ => false);

        public void RunUntil(Func<CollectionState, bool> stop)
        {
            for (var step = 0; step < 100; step++)
            {
                var action = progress.Next(State, now);
                switch (action)
                {
                    case DunningAction.Finish:
                        Log.Add($"finish {At}");
                        return;
                    case DunningAction.Wait wait:
                        if (stop(State))
                        {
                            return;
                        }

                        now = wait.Until ?? throw new InvalidOperationException("Waiting for a wake-up that never comes.");
                        continue;
                    case DunningAction.Charge charge:
                        Log.Add($"charge {charge.Attempt} {At}");
                        var outcome = outcomes.Dequeue();
                        State = State with
                        {
                            NextAttempt = State.NextAttempt + 1,
                            BalanceDue = outcome == ChargeAttemptStatus.Succeeded ? Usd(0m) : State.BalanceDue,
                            Settled = outcome == ChargeAttemptStatus.Succeeded,
                            Pending = outcome == ChargeAttemptStatus.Processing ? State.BalanceDue : Usd(0m),
                        };
                        progress = progress.After(action, State, now, outcome);
                        break;
                    case DunningAction.Apply apply:
                        Log.Add($"{apply.Kind} {apply.Ordinal} {At}");
                        State = apply.Kind switch
                        {
                            DunningStepKind.Suspend => State with { Suspended = true },
                            DunningStepKind.Reinstate => State with { Suspended = AnotherInvoiceHoldsTheSuspension },
                            DunningStepKind.WriteOff => State with { Settled = true },
                            _ => State,
                        };
                        progress = progress.After(action, State, now);
                        break;
                }

                if (stop(State))
                {
                    return;
                }
            }

            throw new InvalidOperationException("The collection did not settle in 100 steps: " + string.Join(", ", Log));
        }

        /// <summary>Another invoice of the account is past its suspension point: the reinstate step leaves the account suspended.</summary>
        public bool AnotherInvoiceHoldsTheSuspension { get; set; }

                public void AdvanceTo(Duration sinceIssue) => now = Issued + sinceIssue;

        public void Pay() => Wake(State with { BalanceDue = Usd(0m), Settled = true });

        public void NewPaymentMethod(string methodId) => Wake(State with { PaymentMethodId = methodId, CanCharge = true });

        public void SettlementFailed() => Wake(State with { Pending = Usd(0m) });

        private void Wake(CollectionState state)
        {
            State = state;
            progress = progress.Woken(State, now);
        }

        private string At => $"@{(now - Issued).TotalDays:0.#}d";
    }
}
