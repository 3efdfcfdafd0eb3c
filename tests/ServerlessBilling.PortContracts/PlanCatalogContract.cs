using ServerlessBilling.Rating;

namespace ServerlessBilling.PortContracts;

/// <summary>The plan catalog keeps one document per plan id and lists them a page at a time in id order.</summary>
public abstract class PlanCatalogContract : PortContract<IPlanCatalog>
{
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
}
