using ServerlessBilling.Payments.Migrations;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Payments.Migrations;

public class InMemoryPaymentMigrationLogContractTests : PaymentMigrationLogContract
{
    protected override Task<IPaymentMigrationLog> CreateAsync() => Task.FromResult<IPaymentMigrationLog>(new InMemoryPaymentMigrationLog());
}
