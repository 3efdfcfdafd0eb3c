using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>A real writer that dies at each of its writes (the write never sent, or sent with its answer lost), then the
/// assignment or profile sent again, or another account's assignment: every index holds the survivor exactly once and the
/// claim lists it alone.</summary>
public sealed partial class OrphanedHoldingTests
{
    private static readonly Account Profile = new("acct", "Acme Dental", "voice", new BillingProfile("UTC", 1, "USD"));
    private int cases;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AssignNumberAsync_DiesAtEveryWriteThenSentAgain_HeldOnceUnderTheNumberAndTheAccount(bool delivered)
    {
        (await WritesOfAsync(a => dying.AssignNumberAsync(Number(a), default))).ShouldBe(3); // the claim, then its two rows
        for (var dieAt = 1; dieAt <= 3; dieAt++)
        {
            var assignment = Number(NextAccount());
            faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => dying.AssignNumberAsync(assignment, default));
            var retried = await directory.AssignNumberAsync(assignment, default);

            var when = $"died at write {dieAt}, delivered {delivered}";
            retried.Value.ShouldBe(assignment, when);
            (await directory.ListAssignmentsOfAsync(assignment.Number, default)).ShouldBe([assignment], when);
            (await directory.ListNumbersAsync(assignment.AccountId, default)).ShouldBe([assignment], when);
            (await ClaimOfAsync<NumberAssignment>(StorageNames.NumbersTable, "number|" + assignment.Number)).ShouldBe([assignment], when);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AssignAgentAsync_DiesAtEveryWriteThenSentAgain_HeldOnceUnderTheAgentAndTheAccount(bool delivered)
    {
        (await WritesOfAsync(a => dying.AssignAgentAsync(Agent(a), default))).ShouldBe(3);
        for (var dieAt = 1; dieAt <= 3; dieAt++)
        {
            var assignment = Agent(NextAccount());
            faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => dying.AssignAgentAsync(assignment, default));
            var retried = await directory.AssignAgentAsync(assignment, default);

            var when = $"died at write {dieAt}, delivered {delivered}";
            retried.Value.ShouldBe(assignment, when);
            (await directory.ListAssignmentsOfAgentAsync(assignment.Vendor, assignment.AgentId, default)).ShouldBe([assignment], when);
            (await directory.ListAgentsAsync(assignment.AccountId, default)).ShouldBe([assignment], when);
            (await ClaimOfAsync<AgentAssignment>(StorageNames.AgentsTable, $"agent|{assignment.Vendor}|{assignment.AgentId}")).ShouldBe([assignment], when);
        }
    }

    /// <remarks>The holding stands once its row under the number reached storage (write 2 delivered, or any death at write 3):
    /// the other account is refused and the holding completed under its account. Before that it is an orphan, released.</remarks>
    [Theory]
    [InlineData(1, false, false)]
    [InlineData(1, true, false)]
    [InlineData(2, false, false)]
    [InlineData(2, true, true)]
    [InlineData(3, false, true)]
    [InlineData(3, true, true)]
    public async Task AssignNumberAsync_DiesAtAWriteThenAnotherAccountAsks_OneHolderEverywhere(int dieAt, bool delivered, bool stands)
    {
        var dead = Number(NextAccount());
        var other = dead with { AccountId = NextAccount(), From = January.PlusDays(10) };
        faults.Arm(dieAt, delivered);

        await Should.ThrowAsync<RequestFailedException>(() => dying.AssignNumberAsync(dead, default));
        var asked = await directory.AssignNumberAsync(other, default);

        var (holder, refused) = stands ? (dead, other) : (other, dead);
        if (stands)
        {
            (asked.Problem!.Kind, asked.Problem.Title.Contains($"'{dead.AccountId}'", StringComparison.Ordinal)).ShouldBe((ProblemKind.Conflict, true));
        }
        else
        {
            asked.Value.ShouldBe(other);
        }

        (await directory.ListAssignmentsOfAsync(dead.Number, default)).ShouldBe([holder]);
        (await directory.ListNumbersAsync(holder.AccountId, default)).ShouldBe([holder]);
        (await directory.ListNumbersAsync(refused.AccountId, default)).ShouldBeEmpty();
        (await ClaimOfAsync<NumberAssignment>(StorageNames.NumbersTable, "number|" + dead.Number)).ShouldBe([holder]);
    }

    /// <remarks>Moving a child from one parent to another writes the new parent's index row, the account, then deletes the old
    /// parent's row. A death after the account row leaves the old row behind (the retry no longer knows the old parent); the
    /// listings read each child's own row, so neither parent lists the child wrongly, and the first listing of the old parent
    /// removes the stale row and writes nothing else.</remarks>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SetProfileAsync_MovingAChildDiesAtEveryWriteThenSentAgain_ListedUnderItsNewParentOnly(bool delivered)
    {
        (await WritesOfAsync(async a => await dying.SetProfileAsync(await ChildAsync(a, "east", "west"), null, default))).ShouldBe(3);
        for (var dieAt = 1; dieAt <= 3; dieAt++)
        {
            var id = NextAccount();
            var moved = await ChildAsync(id, "east", "west");
            faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(moved, null, default));
            var retried = await directory.SetProfileAsync(moved, null, default);

            var when = $"died at write {dieAt}, delivered {delivered}";
            retried.Value.Account.ShouldBe(moved, when);
            (await directory.FindAsync(id, default)).ShouldBe(moved, when);
            (await directory.ListChildrenAsync(id + "-west", default)).ShouldBe([moved], when);
            var before = await AccountRowsAsync();
            var stale = (ChildrenOf(id + "-east"), TableKeys.Escape(id));
            // Stale when the account row reached storage and the old row's delete did not: the retry then finds the child moved already.
            before.Any(r => (r.Partition, r.Row) == stale).ShouldBe((dieAt, delivered) is (2, true) or (3, false), when);

            (await directory.ListChildrenAsync(id + "-east", default)).ShouldBeEmpty(when);

            var after = await AccountRowsAsync();
            after.ShouldBe(before.Where(r => (r.Partition, r.Row) != stale).ToList(), when); // the stale row gone, every other row as it was
            (await directory.ListChildrenAsync(id + "-east", default)).ShouldBeEmpty(when);
            (await AccountRowsAsync()).ShouldBe(after, when);
        }
    }

    /// <summary>The paged listing (the API's) repairs the same way, and still lists the children that are there.</summary>
    [Fact]
    public async Task ListPageAsync_StaleIndexRowLeftByAMoveThatDied_IsSkippedAndRemovedByOneListing()
    {
        var id = NextAccount();
        var stays = Profile with { Id = id + "-stays", ParentAccountId = id + "-east" };
        await directory.SetProfileAsync(stays, null, default);
        var moved = await ChildAsync(id, "east", "west");
        faults.Arm(dieAt: 3);
        await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(moved, null, default));
        var before = await AccountRowsAsync();
        var stale = (ChildrenOf(id + "-east"), TableKeys.Escape(id));
        before.Any(r => (r.Partition, r.Row) == stale).ShouldBeTrue();

        var page = await directory.ListPageAsync(new AccountListFilter(ParentId: id + "-east"), new PageRequest(null, 10), default);

        page.Items.ShouldBe([stays]);
        (await AccountRowsAsync()).ShouldBe(before.Where(r => (r.Partition, r.Row) != stale).ToList());
        (await directory.ListChildrenAsync(id + "-west", default)).ShouldBe([moved]);
    }

    /// <summary>Every row of the accounts table, by partition and row key, with its ETag: what a listing wrote shows as a changed or missing ETag.</summary>
    private async Task<List<(string Partition, string Row, string ETag)>> AccountRowsAsync()
    {
        var rows = new List<(string Partition, string Row, string ETag)>();
        await foreach (var row in storage.GetTableClient(StorageNames.AccountsTable).QueryAsync<TableEntity>())
        {
            rows.Add((row.PartitionKey, row.RowKey, row.ETag.ToString()));
        }

        return [.. rows.OrderBy(r => r.Partition, StringComparer.Ordinal).ThenBy(r => r.Row, StringComparer.Ordinal)];
    }

    private static string ChildrenOf(string parentId) => TableKeys.Escape("children|" + parentId);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SetProfileAsync_CreatingAChildDiesAtEveryWriteThenSentAgain_OneAccountUnderItsParent(bool delivered)
    {
        for (var dieAt = 1; dieAt <= 2; dieAt++)
        {
            var id = NextAccount();
            var child = Profile with { Id = id, ParentAccountId = id + "-parent" };
            faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(child, null, default));
            (await directory.ListChildrenAsync(id + "-parent", default)).Count.ShouldBe(dieAt == 2 && delivered ? 1 : 0);
            var retried = await directory.SetProfileAsync(child, null, default);

            var when = $"died at write {dieAt}, delivered {delivered}";
            retried.Value.Account.ShouldBe(child, when);
            (await directory.ListChildrenAsync(id + "-parent", default)).ShouldBe([child], when);
            (await directory.ListAsync(null, 1000, default)).Accounts.Count(a => a.Id == id).ShouldBe(1, when);
        }
    }

    /// <remarks>A create that dies at its index write (sent, its answer lost) and is never sent again leaves an index row with no
    /// account. Until it is <see cref="TableAccountDirectory.OrphanedChildIndexAge"/> old it may be a create in progress: skipped and
    /// kept. From then on the first listing removes it, under its ETag, and writes nothing else; the parent's other child stays listed.</remarks>
    [Fact]
    public async Task ListChildrenAsync_CreateDiedAtItsIndexWriteAndNeverSentAgain_OrphanKeptUntilOldThenRemoved()
    {
        var id = NextAccount();
        var sibling = Profile with { Id = id + "-sibling", ParentAccountId = id + "-parent" };
        await directory.SetProfileAsync(sibling, null, default);
        faults.Arm(dieAt: 1, delivered: true);
        await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(Profile with { Id = id, ParentAccountId = id + "-parent" }, null, default));
        var orphan = (ChildrenOf(id + "-parent"), TableKeys.Escape(id));
        var before = await AccountRowsAsync();
        before.Any(r => (r.Partition, r.Row) == orphan).ShouldBeTrue();
        before.Any(r => r.Row == TableKeys.Escape(id) && r.Partition == "account").ShouldBeFalse();
        var written = clock.GetCurrentInstant();

        clock.Reset(written + TableAccountDirectory.OrphanedChildIndexAge - Duration.FromMinutes(1));
        (await directory.ListChildrenAsync(id + "-parent", default)).ShouldBe([sibling]);
        (await directory.ListPageAsync(new AccountListFilter(ParentId: id + "-parent"), new PageRequest(null, 10), default)).Items.ShouldBe([sibling]);
        (await AccountRowsAsync()).ShouldBe(before);

        clock.Reset(written + TableAccountDirectory.OrphanedChildIndexAge + Duration.FromMinutes(1));
        (await directory.ListChildrenAsync(id + "-parent", default)).ShouldBe([sibling]);
        var after = await AccountRowsAsync();
        after.ShouldBe(before.Where(r => (r.Partition, r.Row) != orphan).ToList());
        (await directory.ListPageAsync(new AccountListFilter(ParentId: id + "-parent"), new PageRequest(null, 10), default)).Items.ShouldBe([sibling]);
        (await AccountRowsAsync()).ShouldBe(after);
    }

    /// <summary>The paged listing (the API's) removes an old orphan too; and a create sent again after that writes both rows afresh.</summary>
    [Fact]
    public async Task ListPageAsync_OrphanLeftByACreate_RemovedOnceOld_AndTheCreateSentAgainListsTheChild()
    {
        var id = NextAccount();
        var child = Profile with { Id = id, ParentAccountId = id + "-parent" };
        faults.Arm(dieAt: 1, delivered: true);
        await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(child, null, default));
        var orphan = (ChildrenOf(id + "-parent"), TableKeys.Escape(id));
        var before = await AccountRowsAsync();
        clock.Reset(clock.GetCurrentInstant() + TableAccountDirectory.OrphanedChildIndexAge + Duration.FromMinutes(1));

        (await directory.ListPageAsync(new AccountListFilter(ParentId: id + "-parent"), new PageRequest(null, 10), default)).Items.ShouldBeEmpty();

        (await AccountRowsAsync()).ShouldBe(before.Where(r => (r.Partition, r.Row) != orphan).ToList());
        (await directory.SetProfileAsync(child, null, default)).Value.Account.ShouldBe(child);
        (await directory.ListChildrenAsync(id + "-parent", default)).ShouldBe([child]);
    }

    /// <summary>How many writes <paramref name="write"/> sends for a fresh account when nothing goes wrong.</summary>
    private async Task<int> WritesOfAsync(Func<string, Task> write)
    {
        var account = NextAccount();
        faults.Arm(dieAt: null);
        await write(account);
        return faults.Writes;
    }

    /// <summary>A child of <c>{id}-{from}</c>, stored, and the same child moved to <c>{id}-{to}</c> (not stored).</summary>
    private async Task<Account> ChildAsync(string id, string from, string to)
    {
        await directory.SetProfileAsync(Profile with { Id = id, ParentAccountId = $"{id}-{from}" }, null, default);
        return Profile with { Id = id, Name = "Moved", ParentAccountId = $"{id}-{to}" };
    }

    private string NextAccount() => $"acct-{++cases}";

    /// <summary>A number of the account's own, so each case starts from a number nobody holds.</summary>
    private static NumberAssignment Number(string accountId) =>
        new("+1415555" + accountId["acct-".Length..].PadLeft(4, '0'), accountId, NumberType.Local, January);

    private static AgentAssignment Agent(string accountId) => new("retell", "agent_" + accountId, accountId, January);

    /// <summary>The holdings the number's or agent's claim row lists.</summary>
    private async Task<List<T>> ClaimOfAsync<T>(string table, string holding)
    {
        var row = await storage.GetTableClient(table).GetEntityAsync<TableEntity>(TableKeys.Escape("claim|" + holding), "claim");
        return JsonSerializer.Deserialize<List<T>>(row.Value.GetString("Document"), BillingJson.Options)!;
    }
}
