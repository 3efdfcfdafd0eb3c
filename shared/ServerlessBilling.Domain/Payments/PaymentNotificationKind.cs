namespace ServerlessBilling.Payments;

public enum PaymentNotificationKind
{
    /// <summary>The payment settled (card captured, ACH debit cleared).</summary>
    Succeeded,

    /// <summary>The payment failed after it was accepted (an ACH debit that did not clear before settling).</summary>
    Failed,

    /// <summary>Money taken back after success: refund, ACH return, dispute or chargeback.</summary>
    Reversed,
}
