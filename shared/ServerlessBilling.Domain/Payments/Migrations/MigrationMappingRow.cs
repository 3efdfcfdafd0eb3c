namespace ServerlessBilling.Payments.Migrations;

/// <summary>One well-formed line of a processor's migration mapping: a customer and its payment method at the old gateway, and the
/// customer and method the new gateway imported them as.</summary>
/// <param name="Line">The line's 1-based number in the file (the header is line 1).</param>
public sealed record MigrationMappingRow(int Line, string OldCustomerId, string OldPaymentMethodId, string NewCustomerId, string NewPaymentMethodId);
