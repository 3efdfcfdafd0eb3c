namespace ServerlessBilling.Payments;

public enum PaymentMethodKind
{
    Card,
    UsBankAccount,
    Other,
}
