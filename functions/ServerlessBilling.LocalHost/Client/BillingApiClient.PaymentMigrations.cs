using ServerlessBilling.Payments.Migrations;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>The gateway migration routes.</summary>
public sealed partial class BillingApiClient
{
    /// <summary><c>POST api/payment-migrations?from=&amp;to=</c> with the processor's migration mapping (CSV): moves the accounts it names.</summary>
    public Task<PaymentMigration> ImportPaymentMigrationAsync(string from, string to, Stream mapping, CancellationToken cancellationToken) =>
        SendStreamAsync<PaymentMigration>($"api/payment-migrations?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", mapping, cancellationToken);

    /// <summary><c>GET api/payment-migrations/{importId}</c>: the stored result of an import.</summary>
    public Task<PaymentMigration> GetPaymentMigrationAsync(string importId, CancellationToken cancellationToken) =>
        ReadAsync<PaymentMigration>(HttpMethod.Get, $"api/payment-migrations/{Uri.EscapeDataString(importId)}", cancellationToken);
}
