using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Accounts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Two writers of one number or one account, the second running in full just before a chosen write of a slow first:
/// the ETag of the claim or account row decides, and neither writer's fields are lost.</summary>
public sealed partial class OrphanedHoldingTests
{
    [Fact]
    public async Task AssignNumberAsync_AnotherAccountClaimsJustBeforeTheSlowClaim_TheSlowWriterIsRefusedAndWritesNoRow()
    {
        var slow = Number(NextAccount());
        var fast = slow with { AccountId = NextAccount() };
        faults.Arm(dieAt: null, interleaveAt: 1, interleave: async () => (await directory.AssignNumberAsync(fast, default)).Value.ShouldBe(fast));

        var answered = await dying.AssignNumberAsync(slow, default);

        (answered.Problem!.Kind, answered.Problem.Title.Contains($"'{fast.AccountId}'", StringComparison.Ordinal)).ShouldBe((ProblemKind.Conflict, true));
        faults.Writes.ShouldBe(1); // its claim, refused (409): it read the claim again and saw the holder
        await ShouldBeHeldOnlyByAsync(fast, slow);
    }

    [Fact]
    public async Task AssignNumberAsync_AnotherAccountAsksBetweenTheSlowClaimAndItsRows_TheSlowWriterWithdrawsItsRowsAndIsRefused()
    {
        var slow = Number(NextAccount());
        var fast = slow with { AccountId = NextAccount() };
        faults.Arm(dieAt: null, interleaveAt: 2, interleave: async () => (await directory.AssignNumberAsync(fast, default)).Value.ShouldBe(fast));

        var answered = await dying.AssignNumberAsync(slow, default);

        (answered.Problem!.Kind, answered.Problem.Title.Contains($"'{fast.AccountId}'", StringComparison.Ordinal)).ShouldBe((ProblemKind.Conflict, true));
        faults.Writes.ShouldBe(5); // claim, its two rows, then both withdrawn once the claim no longer listed it
        await ShouldBeHeldOnlyByAsync(fast, slow);
    }

    [Fact]
    public async Task AssignNumberAsync_AnotherAccountAsksBetweenTheSlowWritersTwoRows_TheSlowWriterHoldsAndTheOtherIsRefused()
    {
        var slow = Number(NextAccount());
        var fast = slow with { AccountId = NextAccount() };
        faults.Arm(dieAt: null, interleaveAt: 3, interleave: async () =>
            (await directory.AssignNumberAsync(fast, default)).Problem!.Title.Contains($"'{slow.AccountId}'", StringComparison.Ordinal).ShouldBeTrue());

        var answered = await dying.AssignNumberAsync(slow, default);

        answered.Value.ShouldBe(slow);
        faults.Writes.ShouldBe(3);
        await ShouldBeHeldOnlyByAsync(slow, fast);
    }

    [Fact]
    public async Task SetProfileAsync_SuspendedJustBeforeTheProfileWrite_KeepsBothTheNewNameAndTheSuspension()
    {
        var id = NextAccount();
        await directory.SetProfileAsync(Profile with { Id = id }, null, default);
        var suspendedAt = NodaTime.Instant.FromUtc(2026, 3, 2, 9, 0);
        faults.Arm(dieAt: null, interleaveAt: 1, interleave: async () =>
            (await directory.UpdateAsync(id, a => a with { SuspendedAt = suspendedAt }, default))!.SuspendedAt.ShouldBe(suspendedAt));

        var written = await dying.SetProfileAsync(Profile with { Id = id, Name = "Acme Dental Group" }, null, default);

        var expected = Profile with { Id = id, Name = "Acme Dental Group", SuspendedAt = suspendedAt };
        written.Value.Account.ShouldBe(expected);
        faults.Writes.ShouldBe(2); // refused under the ETag it read (412), then written over the suspension
        (await directory.FindVersionedAsync(id, default)).ShouldBe(written.Value);
    }

    [Fact]
    public async Task SetProfileAsync_AtAVersionAnotherProfileWriteMovesJustBeforeTheWrite_IsStaleAndTheOtherWriteStands()
    {
        var id = NextAccount();
        var read = await directory.SetProfileAsync(Profile with { Id = id }, null, default);
        var other = Profile with { Id = id, Name = "Written by the CRM" };
        faults.Arm(dieAt: null, interleaveAt: 1, interleave: async () => (await directory.SetProfileAsync(other, read.Value.Version, default)).Succeeded.ShouldBeTrue());

        var stale = await dying.SetProfileAsync(Profile with { Id = id, Name = "Written by the console" }, read.Value.Version, default);

        stale.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        faults.Writes.ShouldBe(1);
        (await directory.FindAsync(id, default)).ShouldBe(other);
    }

    /// <summary>A listing about to remove the stale index row a dead move left, while the child is moved back: the move back rewrote
    /// the row, so the delete under the ETag read is refused and the child stays listed under the parent it came back to.</summary>
    [Fact]
    public async Task ListChildrenAsync_ChildMovedBackJustBeforeTheRepair_KeepsTheRewrittenIndexRow()
    {
        var id = NextAccount();
        var moved = await ChildAsync(id, "east", "west");
        faults.Arm(dieAt: 3);
        await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(moved, null, default));
        var back = moved with { Name = "Back", ParentAccountId = id + "-east" };
        faults.Arm(dieAt: null, interleaveAt: 1, interleave: async () => (await directory.SetProfileAsync(back, null, default)).Value.Account.ShouldBe(back));

        (await dying.ListChildrenAsync(id + "-east", default)).ShouldBeEmpty(); // it read the account before the move back

        faults.Writes.ShouldBe(1); // its delete, refused (412)
        (await directory.ListChildrenAsync(id + "-east", default)).ShouldBe([back]);
        (await directory.ListChildrenAsync(id + "-west", default)).ShouldBeEmpty();
    }

    /// <summary>A move back that has rewritten the index row but not yet the account row: the row is newer than the account row that
    /// names the other parent, so a listing leaves it, and once the move back writes the account the child is listed.</summary>
    [Fact]
    public async Task ListChildrenAsync_MoveBackBetweenItsIndexRowAndItsAccountRow_LeavesTheIndexRow()
    {
        var id = NextAccount();
        var moved = await ChildAsync(id, "east", "west");
        faults.Arm(dieAt: 3);
        await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(moved, null, default));
        var back = moved with { Name = "Back", ParentAccountId = id + "-east" };
        faults.Arm(dieAt: 2); // the move back writes the east row, then dies before the account row
        await Should.ThrowAsync<RequestFailedException>(() => dying.SetProfileAsync(back, null, default));
        var table = storage.GetTableClient(StorageNames.AccountsTable);
        var rewritten = (await table.GetEntityAsync<TableEntity>(TableKeys.Escape("children|" + id + "-east"), TableKeys.Escape(id))).Value.ETag;

        (await directory.ListChildrenAsync(id + "-east", default)).ShouldBeEmpty();

        (await table.GetEntityAsync<TableEntity>(TableKeys.Escape("children|" + id + "-east"), TableKeys.Escape(id))).Value.ETag.ShouldBe(rewritten);
        (await directory.SetProfileAsync(back, null, default)).Value.Account.ShouldBe(back);
        (await directory.ListChildrenAsync(id + "-east", default)).ShouldBe([back]);
        (await directory.ListChildrenAsync(id + "-west", default)).ShouldBeEmpty();
    }

    /// <summary>The number is held by <paramref name="holder"/> under the number, under its account and in the claim, and
    /// nowhere by <paramref name="refused"/>.</summary>
    private async Task ShouldBeHeldOnlyByAsync(NumberAssignment holder, NumberAssignment refused)
    {
        (await directory.ListAssignmentsOfAsync(holder.Number, default)).ShouldBe([holder]);
        (await directory.ListNumbersAsync(holder.AccountId, default)).ShouldBe([holder]);
        (await directory.ListNumbersAsync(refused.AccountId, default)).ShouldBeEmpty();
        (await ClaimOfAsync<NumberAssignment>(StorageNames.NumbersTable, "number|" + holder.Number)).ShouldBe([holder]);
    }
}
