using System.Collections.Concurrent;
using ServerlessBilling.Payments.Migrations;

namespace ServerlessBilling.Tests.Payments.Migrations;

/// <summary>Imports in a dictionary, as the table keeps them.</summary>
public sealed class InMemoryPaymentMigrationLog : IPaymentMigrationLog
{
    private readonly ConcurrentDictionary<string, PaymentMigration> imports = new(StringComparer.Ordinal);

    public Task SaveAsync(PaymentMigration migration, CancellationToken cancellationToken)
    {
        imports[migration.ImportId] = migration with { Lines = [.. migration.Lines.OrderBy(l => l.Line)] };
        return Task.CompletedTask;
    }

    public Task<PaymentMigration?> FindAsync(string importId, CancellationToken cancellationToken) =>
        Task.FromResult(imports.GetValueOrDefault(importId));
}
