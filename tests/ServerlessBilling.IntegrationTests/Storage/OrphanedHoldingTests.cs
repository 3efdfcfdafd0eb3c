using Azure.Core;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>A writer that stops between a number's or agent's claim and its rows leaves a holding only the claim knows. The next
/// assignment it would block releases it (no row: nobody was told it holds) or completes it (the row under the number or agent was
/// written, the one under the account was not), on Azurite.</summary>
/// <remarks>Each test builds the state the crash leaves: the assignment is made, then the rows the crash would have kept from being
/// written are deleted, so the claim lists a holding its rows do not. The partials crash a real writer at each of its writes
/// (<see cref="TableWriteFaults"/>) and run a second writer between a slow one's writes.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed partial class OrphanedHoldingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly LocalDate January = new(2026, 1, 1);
    private readonly ScratchTables storage = new(azurite);
    private readonly TableWriteFaults faults = new();
    private TableAccountDirectory directory = null!;

    /// <summary>The listings' clock, which ages the child index rows a create left without its account; real time until a test moves it.</summary>
    private readonly FakeClock clock = new(SystemClock.Instance.GetCurrentInstant());

    /// <summary>The same tables through a client that dies (or waits for another writer) at a chosen write.</summary>
    private TableAccountDirectory dying = null!;

    public async Task InitializeAsync()
    {
        directory = await storage.ReadyAsync(new TableAccountDirectory(storage, clock));
        var options = new TableClientOptions();
        options.AddPolicy(faults, HttpPipelinePosition.PerCall);
        dying = new TableAccountDirectory(storage.With(options), clock);
    }

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task AssignNumberAsync_CrashBetweenTheClaimAndItsRows_AnotherAccountTakesTheNumberAndTheOrphanIsReleased()
    {
        var orphan = new NumberAssignment("+14155550100", "acme", NumberType.Local, January);
        await directory.AssignNumberAsync(orphan, default);
        await DeleteAsync(StorageNames.NumbersTable, ("number|+14155550100", "acme|2026-01-01"), ("account|acme", "+14155550100|2026-01-01"));

        var taken = await directory.AssignNumberAsync(orphan with { AccountId = "zeta", From = new LocalDate(2026, 2, 1) }, default);
        var orphanAgain = await directory.AssignNumberAsync(orphan, default);

        taken.Value.AccountId.ShouldBe("zeta");
        (orphanAgain.Problem!.Kind, orphanAgain.Problem.Title.Contains("'zeta'", StringComparison.Ordinal)).ShouldBe((ProblemKind.Conflict, true));
        (await directory.ListAssignmentsOfAsync("+14155550100", default)).ShouldBe([taken.Value]);
        (await directory.ListNumbersAsync("acme", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AssignNumberAsync_CrashBetweenItsTwoRows_TheHoldingStandsAndIsCompletedUnderItsAccount()
    {
        var held = new NumberAssignment("+14155550101", "acme", NumberType.Local, January);
        await directory.AssignNumberAsync(held, default);
        await DeleteAsync(StorageNames.NumbersTable, ("account|acme", "+14155550101|2026-01-01"));

        var refused = await directory.AssignNumberAsync(held with { AccountId = "zeta" }, default);

        (refused.Problem!.Kind, refused.Problem.Title.Contains("'acme'", StringComparison.Ordinal)).ShouldBe((ProblemKind.Conflict, true));
        (await directory.ListNumbersAsync("acme", default)).ShouldBe([held]);
        (await directory.ListAssignmentsOfAsync("+14155550101", default)).ShouldBe([held]);
    }

    [Fact]
    public async Task AssignAgentAsync_CrashBetweenTheClaimAndItsRows_AnotherAccountTakesTheAgentAndTheOrphanIsReleased()
    {
        var orphan = new AgentAssignment("retell", "agent_7", "acme", January);
        await directory.AssignAgentAsync(orphan, default);
        await DeleteAsync(StorageNames.AgentsTable, ("agent|retell|agent_7", "acme|2026-01-01"), ("account|acme", "retell|agent_7|2026-01-01"));

        var taken = await directory.AssignAgentAsync(orphan with { AccountId = "zeta" }, default);

        taken.Value.AccountId.ShouldBe("zeta");
        (await directory.ListAssignmentsOfAgentAsync("retell", "agent_7", default)).ShouldBe([taken.Value]);
        (await directory.ListAgentsAsync("acme", default)).ShouldBeEmpty();
        (await directory.AssignAgentAsync(orphan, default)).Problem!.Kind.ShouldBe(ProblemKind.Conflict);
    }

    [Fact]
    public async Task AssignNumberAsync_SameAssignmentSentAgainAfterTheCrash_WritesItsRows()
    {
        var orphan = new NumberAssignment("+14155550102", "acme", NumberType.Local, January);
        await directory.AssignNumberAsync(orphan, default);
        await DeleteAsync(StorageNames.NumbersTable, ("number|+14155550102", "acme|2026-01-01"), ("account|acme", "+14155550102|2026-01-01"));

        (await directory.AssignNumberAsync(orphan, default)).Value.ShouldBe(orphan);

        (await directory.ListAssignmentsOfAsync("+14155550102", default)).ShouldBe([orphan]);
        (await directory.ListNumbersAsync("acme", default)).ShouldBe([orphan]);
    }

    private async Task DeleteAsync(string table, params (string Partition, string Row)[] rows)
    {
        var client = storage.GetTableClient(table);
        foreach (var (partition, row) in rows)
        {
            (await client.DeleteEntityAsync(TableKeys.Escape(partition), TableKeys.Escape(row))).Status.ShouldBe(204);
        }
    }
}
