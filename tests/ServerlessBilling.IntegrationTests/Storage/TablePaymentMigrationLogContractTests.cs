using ServerlessBilling.Payments.Migrations;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TablePaymentMigrationLogContractTests(AzuriteFixture azurite) : PaymentMigrationLogContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IPaymentMigrationLog> CreateAsync() => await storage.ReadyAsync<IPaymentMigrationLog>(new TablePaymentMigrationLog(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
