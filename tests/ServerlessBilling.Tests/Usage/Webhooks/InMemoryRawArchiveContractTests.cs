using ServerlessBilling.PortContracts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class InMemoryRawArchiveContractTests : RawArchiveContract
{
    protected override Task<IRawArchive> CreateAsync() => Task.FromResult<IRawArchive>(new InMemoryArchive(Clock));
}
