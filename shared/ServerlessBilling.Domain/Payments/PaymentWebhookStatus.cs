namespace ServerlessBilling.Payments;

public enum PaymentWebhookStatus
{
    /// <summary>Handed to <see cref="IPaymentNotifications"/>: applied to its invoice and its collection woken.</summary>
    Delivered,

    /// <summary>Acknowledged so the gateway stops redelivering it, but not acted on.</summary>
    Ignored,
}
