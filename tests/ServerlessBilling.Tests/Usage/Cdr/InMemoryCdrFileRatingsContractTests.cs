using ServerlessBilling.PortContracts;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class InMemoryCdrFileRatingsContractTests : CdrFileRatingsContract
{
    protected override Task<ICdrFileRatings> CreateAsync() => Task.FromResult<ICdrFileRatings>(new InMemoryCdrFileRatings());
}
