namespace ServerlessBilling.Payments.Migrations;

/// <summary>A mapping file as read: the rows to apply, in file order, and the lines rejected as malformed.</summary>
public sealed record MigrationMapping(IReadOnlyList<MigrationMappingRow> Rows, IReadOnlyList<PaymentMigrationLine> Rejected);
