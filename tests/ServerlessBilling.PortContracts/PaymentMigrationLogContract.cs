using ServerlessBilling.Payments;
using ServerlessBilling.Payments.Migrations;

namespace ServerlessBilling.PortContracts;

/// <summary>The migration log: an import reads back exactly as stored, its lines in file order however many there are; an unknown id is
/// null; imports are apart.</summary>
public abstract class PaymentMigrationLogContract : PortContract<IPaymentMigrationLog>
{
    [Fact]
    public async Task FindAsync_NeverStored_IsNull() =>
        (await Port.FindAsync("mig-unknown", default)).ShouldBeNull();

    [Fact]
    public async Task SaveAsync_ThenFind_ReadsBackEveryLineAndOutcome()
    {
        var stored = Import("mig-a", 4);

        await Port.SaveAsync(stored, default);

        var found = (await Port.FindAsync("mig-a", default)).ShouldNotBeNull();
        (found.ImportId, found.From, found.To, found.ImportedAt).ShouldBe(("mig-a", PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Samples.Noon));
        found.Lines.ShouldBe(stored.Lines);
        (found.Migrated, found.AlreadyMigrated, found.Skipped, found.Rejected).ShouldBe((1, 1, 1, 1));
        (await Port.FindAsync("mig-b", default)).ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_MoreLinesThanATransaction_KeepsFileOrder()
    {
        var stored = Import("mig-long", 257);

        await Port.SaveAsync(stored, default);

        var found = (await Port.FindAsync("mig-long", default)).ShouldNotBeNull();
        found.Lines.Select(l => l.Line).ShouldBe(Enumerable.Range(2, 257));
        found.Lines.ShouldBe(stored.Lines);
    }

    [Fact]
    public async Task SaveAsync_TwoImports_AreApart()
    {
        await Port.SaveAsync(Import("mig-one", 3), default);
        await Port.SaveAsync(Import("mig-two", 5), default);

        (await Port.FindAsync("mig-one", default))!.Lines.Count.ShouldBe(3);
        (await Port.FindAsync("mig-two", default))!.Lines.Count.ShouldBe(5);
    }

    /// <summary>An import of <paramref name="lines"/> data lines (lines 2 onwards), the outcomes taking turns.</summary>
    private static PaymentMigration Import(string importId, int lines) => new(importId, PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Samples.Noon,
        [.. Enumerable.Range(2, lines).Select(line => (PaymentMigrationOutcome)(line % 4) switch
        {
            PaymentMigrationOutcome.Migrated => new PaymentMigrationLine(line, PaymentMigrationOutcome.Migrated, $"acct-{line}", $"{900 + line}", $"{1900 + line}", $"cus_N{line}", $"pm_N{line}"),
            PaymentMigrationOutcome.AlreadyMigrated => new PaymentMigrationLine(line, PaymentMigrationOutcome.AlreadyMigrated, $"acct-{line}", $"{900 + line}", $"{1900 + line}", $"cus_N{line}", $"pm_N{line}"),
            PaymentMigrationOutcome.Skipped => new PaymentMigrationLine(line, PaymentMigrationOutcome.Skipped, null, $"{900 + line}", $"{1900 + line}", $"cus_N{line}", $"pm_N{line}",
                $"old_customer_id on line {line}: no account pays through Authorize.Net customer '{900 + line}'"),
            _ => new PaymentMigrationLine(line, PaymentMigrationOutcome.Rejected, null, $"{900 + line}", null, $"cus_N{line}", $"pm_N{line}",
                $"old_payment_method_id on line {line}: is required"),
        })]);
}
