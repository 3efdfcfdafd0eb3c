using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Payments;

namespace ServerlessBilling.PortContracts;

/// <summary>The account directory keeps each writer's fields: the reseller's profile, collections' payment method and
/// suspension; a profile write against a version that moved on changes nothing.</summary>
public abstract class AccountDirectoryContract : PortContract<IAccountDirectory>
{
    private static readonly Account Acme = new("acme", "Acme Dental", "voice", new BillingProfile("UTC", 1, "USD"));
    private static readonly PaymentProfile Card = new("stripe", "cus_1", new PaymentMethodOnFile("pm_1", PaymentMethodKind.Card, "visa 4242"));
    private static readonly Instant Suspended = Samples.Noon;

    [Fact]
    public async Task SetProfileAsync_KeepsTheStoredPaymentAndSuspension()
    {
        await Port.SetProfileAsync(Acme, null, default);
        await Port.UpdateAsync("acme", a => a with { Payment = Card, SuspendedAt = Suspended }, default);

        var stored = await Port.SetProfileAsync(Acme with { Name = "Acme Dental Group", Payment = null, SuspendedAt = null }, null, default);

        Samples.Json(stored.Value.Account).ShouldBe(Samples.Json(Acme with { Name = "Acme Dental Group", Payment = Card, SuspendedAt = Suspended }));
        Samples.Json(await Port.FindAsync("acme", default)).ShouldBe(Samples.Json(stored.Value.Account));
    }

    [Fact]
    public async Task SetProfileAsync_AtTheStoredVersion_WritesAndMovesTheVersion()
    {
        var created = await Port.SetProfileAsync(Acme, null, default);

        var updated = await Port.SetProfileAsync(Acme with { Name = "Renamed" }, created.Value.Version, default);

        updated.Succeeded.ShouldBeTrue();
        updated.Value.Version.ShouldNotBe(created.Value.Version);
        (await Port.FindVersionedAsync("acme", default)).ShouldBe(updated.Value);
    }

    [Fact]
    public async Task SetProfileAsync_AtAVersionThatMovedOn_IsStaleAndWritesNothing()
    {
        var read = await Port.SetProfileAsync(Acme, null, default);
        await Port.UpdateAsync("acme", a => a with { SuspendedAt = Suspended }, default);

        var stale = await Port.SetProfileAsync(Acme with { Name = "Stale write" }, read.Value.Version, default);

        stale.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        var stored = await Port.FindAsync("acme", default);
        (stored!.Name, stored.SuspendedAt).ShouldBe(("Acme Dental", Suspended));
    }

    [Fact]
    public async Task SetProfileAsync_ExpectingAnyVersionOfAMissingAccount_IsStale()
    {
        var refused = await Port.SetProfileAsync(Acme, "*", default);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        (await Port.FindAsync("acme", default)).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateAsync_WritersOfEachConcernAtOnce_NoneUndoesAnother()
    {
        await Port.SetProfileAsync(Acme, null, default);

        // A CRM sync of the profile, the payment-method route and a dunning step, each several times, all at once.
        await AllAtOnceAsync(12, i => (i % 3) switch
        {
            0 => Port.SetProfileAsync(Acme with { Name = "Acme Dental Group", Payment = null, SuspendedAt = null }, null, default).ContinueWith(_ => 0),
            1 => Port.UpdateAsync("acme", a => a with { Payment = Card }, default).ContinueWith(_ => 0),
            _ => Port.UpdateAsync("acme", a => a with { SuspendedAt = Suspended }, default).ContinueWith(_ => 0),
        });

        var stored = await Port.FindAsync("acme", default);
        Samples.Json(stored).ShouldBe(Samples.Json(Acme with { Name = "Acme Dental Group", Payment = Card, SuspendedAt = Suspended }));
    }

    [Fact]
    public async Task UpdateAsync_UnknownAccount_IsNullAndStoresNothing()
    {
        (await Port.UpdateAsync("nobody", a => a with { SuspendedAt = Suspended }, default)).ShouldBeNull();

        (await Port.FindAsync("nobody", default)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAssignmentsOfAsync_EveryHolderOfTheNumber()
    {
        await Port.SetProfileAsync(Acme, null, default);
        await Port.SetProfileAsync(Acme with { Id = "zeta" }, null, default);
        var first = new NumberAssignment("+14155550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 1));
        var second = new NumberAssignment("+14155550100", "zeta", NumberType.Local, new LocalDate(2026, 3, 1));
        await Port.AssignNumberAsync(first, default);
        await Port.AssignNumberAsync(second, default);
        await Port.AssignNumberAsync(new NumberAssignment("+14155550199", "zeta", NumberType.Local, new LocalDate(2026, 1, 1)), default);

        (await Port.ListAssignmentsOfAsync("+14155550100", default)).OrderBy(a => a.From).ShouldBe([first, second]);
    }

    [Fact]
    public async Task ListAssignmentsOfAgentAsync_EveryHolderOfTheAgent()
    {
        await Port.SetProfileAsync(Acme, null, default);
        var held = new AgentAssignment("retell", "agent_1", "acme", new LocalDate(2026, 1, 1));
        await Port.AssignAgentAsync(held, default);
        await Port.AssignAgentAsync(held with { AgentId = "agent_2" }, default);

        (await Port.ListAssignmentsOfAgentAsync("retell", "agent_1", default)).ShouldBe([held]);
    }
}
