using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.PortContracts;

/// <summary>The account directory lists accounts, an account's numbers and its agents a page at a time, in a stable key order,
/// each item once, with the filters applied before the page is cut (a page is full while more match).</summary>
public abstract class AccountListContract : PortContract<IAccountDirectory>
{
    private static readonly Account Sample = new("sample", "Sample", "voice", new BillingProfile("UTC", 1, "USD"));

    [Fact]
    public async Task ListPageAsync_SevenAccountsByThree_ThreePagesInIdOrder()
    {
        foreach (var id in new[] { "acct-05", "acct-02", "acct-07", "acct-01", "acct-04", "acct-06", "acct-03" })
        {
            await Port.SetProfileAsync(Sample with { Id = id }, null, default);
        }

        var pages = await Pages.AllAsync(3, page => Port.ListPageAsync(AccountListFilter.All, page, default));

        Pages.Sizes(pages).ShouldBe([3, 3, 1]);
        pages.SelectMany(p => p.Items).Select(a => a.Id).ShouldBe(["acct-01", "acct-02", "acct-03", "acct-04", "acct-05", "acct-06", "acct-07"]);
    }

    [Fact]
    public async Task ListPageAsync_ByParent_OnlyItsLocationsAndNotOnesThatMovedAway()
    {
        await Port.SetProfileAsync(Sample with { Id = "group" }, null, default);
        await Port.SetProfileAsync(Sample with { Id = "other" }, null, default);
        foreach (var id in new[] { "loc-3", "loc-1", "loc-5", "loc-2", "loc-4" })
        {
            await Port.SetProfileAsync(Sample with { Id = id, ParentAccountId = "group" }, null, default);
        }

        await Port.SetProfileAsync(Sample with { Id = "loc-9", ParentAccountId = "other" }, null, default);
        await Port.SetProfileAsync(Sample with { Id = "loc-4", ParentAccountId = "other" }, null, default);

        var pages = await Pages.AllAsync(2, page => Port.ListPageAsync(new AccountListFilter(ParentId: "group"), page, default));

        pages.SelectMany(p => p.Items).Select(a => a.Id).ShouldBe(["loc-1", "loc-2", "loc-3", "loc-5"]);
        pages[0].Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListPageAsync_ByStatus_FullPagesOfThatStandingOnly()
    {
        for (var i = 1; i <= 9; i++)
        {
            await Port.SetProfileAsync(Sample with { Id = $"acct-{i}" }, null, default);
            if (i % 2 == 0)
            {
                await Port.UpdateAsync($"acct-{i}", a => a with { SuspendedAt = Samples.Noon }, default);
            }
        }

        var suspended = await Pages.AllAsync(3, page => Port.ListPageAsync(new AccountListFilter(Status: AccountStatus.Suspended), page, default));
        var active = await Pages.AllAsync(3, page => Port.ListPageAsync(new AccountListFilter(Status: AccountStatus.Active), page, default));

        suspended[0].Items.Count.ShouldBe(3);
        suspended.SelectMany(p => p.Items).Select(a => a.Id).ShouldBe(["acct-2", "acct-4", "acct-6", "acct-8"]);
        active.SelectMany(p => p.Items).Select(a => a.Id).ShouldBe(["acct-1", "acct-3", "acct-5", "acct-7", "acct-9"]);
    }

    [Fact]
    public async Task ListPageAsync_ByParentAndStatus_BothApply()
    {
        await Port.SetProfileAsync(Sample with { Id = "group" }, null, default);
        foreach (var id in new[] { "loc-1", "loc-2", "loc-3", "loc-4" })
        {
            await Port.SetProfileAsync(Sample with { Id = id, ParentAccountId = "group" }, null, default);
        }

        await Port.SetProfileAsync(Sample with { Id = "alone" }, null, default);
        foreach (var id in new[] { "loc-2", "loc-3", "alone" })
        {
            await Port.UpdateAsync(id, a => a with { SuspendedAt = Samples.Noon }, default);
        }

        var pages = await Pages.AllAsync(1, page => Port.ListPageAsync(new AccountListFilter("group", AccountStatus.Suspended), page, default));

        pages.SelectMany(p => p.Items).Select(a => a.Id).ShouldBe(["loc-2", "loc-3"]);
    }

    [Fact]
    public async Task ListNumbersPageAsync_OnlyTheAccountsNumbersInNumberOrder()
    {
        await Port.SetProfileAsync(Sample with { Id = "acme" }, null, default);
        await Port.SetProfileAsync(Sample with { Id = "zeta" }, null, default);
        var january = new LocalDate(2026, 1, 1);
        foreach (var number in new[] { "+14155550104", "+14155550101", "+14155550103", "+14155550102" })
        {
            await Port.AssignNumberAsync(new NumberAssignment(number, "acme", NumberType.Local, january), default);
        }

        await Port.AssignNumberAsync(new NumberAssignment("+14155550101", "acme", NumberType.Local, january.PlusMonths(3)), default);
        await Port.AssignNumberAsync(new NumberAssignment("+14155550199", "zeta", NumberType.Local, january), default);

        var pages = await Pages.AllAsync(2, page => Port.ListNumbersPageAsync("acme", page, default));

        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Items).Select(n => (n.Number, n.From.Month)).ShouldBe(
            [("+14155550101", 1), ("+14155550101", 4), ("+14155550102", 1), ("+14155550103", 1), ("+14155550104", 1)]);
    }

    [Fact]
    public async Task ListAgentsPageAsync_OnlyTheAccountsAgentsInVendorAndIdOrder()
    {
        await Port.SetProfileAsync(Sample with { Id = "acme" }, null, default);
        var january = new LocalDate(2026, 1, 1);
        await Port.AssignAgentAsync(new AgentAssignment("vapi", "asst_1", "acme", january), default);
        await Port.AssignAgentAsync(new AgentAssignment("retell", "agent_2", "acme", january), default);
        await Port.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "acme", january), default);
        await Port.AssignAgentAsync(new AgentAssignment("retell", "agent_9", "zeta", january), default);

        var pages = await Pages.AllAsync(2, page => Port.ListAgentsPageAsync("acme", page, default));

        Pages.Sizes(pages).ShouldBe([2, 1]);
        pages.SelectMany(p => p.Items).Select(a => $"{a.Vendor}/{a.AgentId}").ShouldBe(["retell/agent_1", "retell/agent_2", "vapi/asst_1"]);
    }
}
