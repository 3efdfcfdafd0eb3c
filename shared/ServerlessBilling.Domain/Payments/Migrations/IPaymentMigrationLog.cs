namespace ServerlessBilling.Payments.Migrations;

/// <summary>The result of every migration import, kept so the reseller can read it again after the response is gone.</summary>
public interface IPaymentMigrationLog
{
    /// <summary>Stores the import and every line's outcome; storing the same import again replaces it.</summary>
    Task SaveAsync(PaymentMigration migration, CancellationToken cancellationToken);

    /// <summary>The import with its lines in file order; null when there is none of that id.</summary>
    Task<PaymentMigration?> FindAsync(string importId, CancellationToken cancellationToken);
}
