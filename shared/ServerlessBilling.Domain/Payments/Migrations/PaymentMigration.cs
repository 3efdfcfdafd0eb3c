using NodaTime;

namespace ServerlessBilling.Payments.Migrations;

/// <summary>One import of a processor's migration mapping and what it did with each line, as stored and as
/// <c>GET /api/payment-migrations/{importId}</c> returns it.</summary>
/// <param name="From">The gateway accounts were moved from (<see cref="PaymentGatewayNames"/>).</param>
/// <param name="To">The gateway they were moved to.</param>
/// <param name="Lines">Every data line of the file, in file order.</param>
public sealed record PaymentMigration(string ImportId, string From, string To, Instant ImportedAt, IReadOnlyList<PaymentMigrationLine> Lines)
{
    public int Migrated => Count(PaymentMigrationOutcome.Migrated);

    public int AlreadyMigrated => Count(PaymentMigrationOutcome.AlreadyMigrated);

    public int Skipped => Count(PaymentMigrationOutcome.Skipped);

    public int Rejected => Count(PaymentMigrationOutcome.Rejected);

    public int Failed => Count(PaymentMigrationOutcome.Failed);

    private int Count(PaymentMigrationOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}
