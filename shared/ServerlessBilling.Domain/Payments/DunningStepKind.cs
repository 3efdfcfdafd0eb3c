namespace ServerlessBilling.Payments;

public enum DunningStepKind
{
    Overdue,
    RetryScheduled,
    Reminder,
    PaymentMethodRequired,
    LateFee,
    Suspend,
    Reinstate,
    WriteOff,
}
