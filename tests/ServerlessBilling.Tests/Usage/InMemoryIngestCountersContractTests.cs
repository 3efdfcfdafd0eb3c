using ServerlessBilling.PortContracts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage;

public class InMemoryIngestCountersContractTests : IngestCountersContract
{
    protected override Task<IIngestCounters> CreateAsync() => Task.FromResult<IIngestCounters>(new InMemoryIngestCounters());
}
