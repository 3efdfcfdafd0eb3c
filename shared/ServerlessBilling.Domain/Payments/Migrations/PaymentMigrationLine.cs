namespace ServerlessBilling.Payments.Migrations;

/// <summary>What an import did with one line of the mapping file.</summary>
/// <param name="Line">The line's 1-based number in the file (the header is line 1).</param>
/// <param name="AccountId">The account the line moved, or found moved; null when it matched none.</param>
/// <param name="Reason">Why the line was skipped or rejected, naming the field and the line; null when it migrated.</param>
public sealed record PaymentMigrationLine(
    int Line,
    PaymentMigrationOutcome Outcome,
    string? AccountId,
    string? OldCustomerId,
    string? OldPaymentMethodId,
    string? NewCustomerId,
    string? NewPaymentMethodId,
    string? Reason = null)
{
    public static PaymentMigrationLine For(MigrationMappingRow row, PaymentMigrationOutcome outcome, string? accountId, string? reason = null) =>
        new(row.Line, outcome, accountId, row.OldCustomerId, row.OldPaymentMethodId, row.NewCustomerId, row.NewPaymentMethodId, reason);
}
