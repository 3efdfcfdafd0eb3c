namespace ServerlessBilling.Invoicing;

/// <summary>One credited amount (positive); <see cref="InvoiceLine"/> is the index of the invoice line it credits, null for a credit of an amount.</summary>
public sealed record CreditNoteLine(string Description, Money Amount, int? InvoiceLine = null);
