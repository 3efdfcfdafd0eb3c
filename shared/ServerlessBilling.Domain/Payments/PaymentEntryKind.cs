namespace ServerlessBilling.Payments;

public enum PaymentEntryKind
{
    /// <summary>A gateway charge attempt, whatever its outcome.</summary>
    Charge,

    /// <summary>Paid outside the gateway: cheque, wire, cash, recorded through the API.</summary>
    Offline,

    /// <summary>Money taken back after it was received: refund, ACH return, dispute or chargeback.</summary>
    Reversal,

    /// <summary>An overpayment moved to the account's credit balance, applied on the next invoice.</summary>
    CreditedForward,

    /// <summary>A credit note issued against the invoice: it lowers the balance due as a payment would, though no money moved.</summary>
    CreditNote,
}
