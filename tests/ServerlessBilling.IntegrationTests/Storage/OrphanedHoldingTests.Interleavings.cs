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
