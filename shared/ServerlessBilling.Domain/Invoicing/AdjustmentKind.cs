namespace ServerlessBilling.Invoicing;

public enum AdjustmentKind
{
    LateFee,
    ReturnedPaymentFee,
    RerateDifference,
    CreditBalance,
    Manual,
}
