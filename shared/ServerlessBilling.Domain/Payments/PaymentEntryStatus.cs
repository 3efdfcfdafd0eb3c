namespace ServerlessBilling.Payments;

public enum PaymentEntryStatus
{
    Succeeded,
    Processing,
    Failed,
    Declined,
    RequiresAction,
}
