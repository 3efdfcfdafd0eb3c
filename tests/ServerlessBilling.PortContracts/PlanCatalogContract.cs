using ServerlessBilling.Rating;

namespace ServerlessBilling.PortContracts;

/// <summary>The plan catalog: a plan set is found by its id whole (every version and optional part), a second set replaces it.</summary>
public abstract class PlanCatalogContract : PortContract<IPlanCatalog>
{
    [Fact]
    public async Task FindAsync_NeverSet_IsNull() =>
        (await Port.FindAsync("standard", default)).ShouldBeNull();

    [Fact]
    public async Task SetAsync_New_FindReadsItBackWhole()
    {
        await Port.SetAsync(Samples.Plan("standard"), default);

        Samples.Json(await Port.FindAsync("standard", default)).ShouldBe(Samples.Json(Samples.Plan("standard")));
        (await Port.FindAsync("standard-2", default)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_Again_ReplacesThePlan()
    {
        await Port.SetAsync(Samples.Plan("standard"), default);
        var renamed = Samples.Plan("standard", platformFee: 59m) with { Name = "Standard 2027" };
        renamed = renamed with { Versions = [renamed.Versions[0]] };

        await Port.SetAsync(renamed, default);

        Samples.Json(await Port.FindAsync("standard", default)).ShouldBe(Samples.Json(renamed));
    }

    [Fact]
    public async Task SetAsync_AfterARead_TheNextReadHasTheNewPlan()
    {
        await Port.SetAsync(Samples.Plan("standard"), default);
        (await Port.FindAsync("standard", default)).ShouldNotBeNull();
        var repriced = Samples.Plan("standard", platformFee: 59m);

        await Port.SetAsync(repriced, null, default);

        Samples.Json(await Port.FindAsync("standard", default)).ShouldBe(Samples.Json(repriced));
    }

    [Fact]
    public async Task SetAsync_IdsThatNeedEscapingInStorage_AreKeptApart()
    {
        await Port.SetAsync(Samples.Plan("resellers/gold"), default);
        await Port.SetAsync(Samples.Plan("resellers%2Fgold", platformFee: 1m), default);

        (await Port.FindAsync("resellers/gold", default))!.Versions[0].PlatformFee.ShouldBe(49m);
        (await Port.FindAsync("resellers%2Fgold", default))!.Versions[0].PlatformFee.ShouldBe(1m);
    }

    private static readonly PricePlan SamplePlan = new("sample", "Sample", "USD", []);

    [Fact]
    public async Task ListAsync_FivePlansByTwo_ThreePagesInIdOrder()
    {
        foreach (var id in new[] { "plan-c", "plan-a", "plan-e", "plan-b", "plan-d" })
        {
            await Port.SetAsync(SamplePlan with { Id = id }, default);
        }

        await Port.SetAsync(SamplePlan with { Id = "plan-b", Name = "Replaced" }, default);

        var pages = await Pages.AllAsync(2, page => Port.ListAsync(page, default));

        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Items).Select(p => p.Id).ShouldBe(["plan-a", "plan-b", "plan-c", "plan-d", "plan-e"]);
        pages.SelectMany(p => p.Items).Single(p => p.Id == "plan-b").Name.ShouldBe("Replaced");
    }

    [Fact]
    public async Task ListAsync_NoPlans_OneEmptyLastPage()
    {
        var page = await Port.ListAsync(Paging.PageRequest.First(), default);

        (page.Items.Count, page.HasMore).ShouldBe((0, false));
    }

    [Fact]
    public async Task SetAsync_AtTheStoredVersion_WritesAndMovesTheVersion()
    {
        var created = await Port.SetAsync(Samples.Plan("standard"), null, default);

        var updated = await Port.SetAsync(Samples.Plan("standard") with { Name = "Renamed" }, created.Value.Version, default);

        updated.Succeeded.ShouldBeTrue();
        updated.Value.Version.ShouldNotBe(created.Value.Version);
        var found = await Port.FindVersionedAsync("standard", default);
        (found!.Plan.Name, found.Version).ShouldBe(("Renamed", updated.Value.Version));
    }

    [Fact]
    public async Task SetAsync_AtAVersionThatMovedOn_IsStaleAndWritesNothing()
    {
        var read = await Port.SetAsync(Samples.Plan("standard"), null, default);
        await Port.SetAsync(Samples.Plan("standard") with { Name = "Moved on" }, default);

        var stale = await Port.SetAsync(Samples.Plan("standard") with { Name = "Stale write" }, read.Value.Version, default);

        stale.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        (await Port.FindAsync("standard", default))!.Name.ShouldBe("Moved on");
    }

    [Fact]
    public async Task SetAsync_ExpectingAnyVersionOfAMissingPlan_IsStale()
    {
        var refused = await Port.SetAsync(Samples.Plan("standard"), "*", default);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        (await Port.FindVersionedAsync("standard", default)).ShouldBeNull();
    }
}
