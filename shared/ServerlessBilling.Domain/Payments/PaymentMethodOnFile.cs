namespace ServerlessBilling.Payments;

public sealed record PaymentMethodOnFile(string PaymentMethodId, PaymentMethodKind Kind, string? Label);
