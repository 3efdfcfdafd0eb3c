using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Storage;

/// <summary>Accounts in one partition of <c>Accounts</c>, with each child indexed under <c>children|{parentId}</c> in the same table; number assignments in <c>Numbers</c> and agent assignments in <c>Agents</c>, each indexed twice: by number or agent (attribution) and by account (listing, number fees), after a claim row per number or agent (<c>claim|number|{number}</c>, <c>claim|agent|{vendor}|{agentId}</c>) that serializes assignments of it.</summary>
/// <remarks>Profile writes and collections' updates replace the account row under its ETag and retry when another writer won;
/// an account's version is a digest of that ETag, so it quotes safely in an HTTP entity tag.</remarks>
/// <param name="clock">Ages the child index rows a create left without its account (<see cref="OrphanedChildIndexAge"/>).</param>
public sealed partial class TableAccountDirectory(TableServiceClient tables, IClock clock) : IAccountDirectory
{
    private const string AccountPartition = "account";
    private readonly TableClient accounts = tables.GetTableClient(StorageNames.AccountsTable);
    private readonly TableClient numbers = tables.GetTableClient(StorageNames.NumbersTable);
    private readonly TableClient agents = tables.GetTableClient(StorageNames.AgentsTable);

    public async Task<bool> RemoveAsync(string accountId, string expectedVersion, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape(accountId);
        var row = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, rowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || VersionOf(row.Value!.ETag) != expectedVersion)
        {
            return false;
        }

        try
        {
            await accounts.DeleteEntityAsync(AccountPartition, rowKey, row.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }

        if (JsonDocumentEntity.Read<Account>(row.Value).ParentAccountId is { } parentId)
        {
            // After the account row: a crash in between leaves an index row the listings skip, and remove once it is old.
            await accounts.DeleteEntityAsync(ChildrenOf(parentId), rowKey, cancellationToken: cancellationToken);
        }

        return true;
    }

    public async Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, TableKeys.Escape(accountId), cancellationToken: cancellationToken);
        return row.HasValue ? JsonDocumentEntity.Read<Account>(row.Value!) : null;
    }

    public async Task<VersionedAccount?> FindVersionedAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, TableKeys.Escape(accountId), cancellationToken: cancellationToken);
        return row.HasValue ? new VersionedAccount(JsonDocumentEntity.Read<Account>(row.Value!), VersionOf(row.Value!.ETag)) : null;
    }

    public async Task<Outcome<VersionedAccount>> SetProfileAsync(Account profile, string? expectedVersion, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape(profile.Id);
        while (true)
        {
            var row = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, rowKey, cancellationToken: cancellationToken);
            var current = row.HasValue ? JsonDocumentEntity.Read<Account>(row.Value!) : null;
            if (expectedVersion is not null && (current is null || (expectedVersion != "*" && expectedVersion != VersionOf(row.Value!.ETag))))
            {
                return Problem.Stale($"Account '{profile.Id}' is not at version {expectedVersion}: read it again and reapply the change");
            }

            var account = profile with { Payment = current?.Payment, SuspendedAt = current?.SuspendedAt };
            if (account.ParentAccountId is { } parentId)
            {
                // The child index first, so a crash leaves an index row the listing skips, never a child the listing misses.
                await accounts.UpsertEntityAsync(JsonDocumentEntity.Create(ChildrenOf(parentId), rowKey, account), TableUpdateMode.Replace, cancellationToken);
            }

            Response written;
            try
            {
                var entity = JsonDocumentEntity.Create(AccountPartition, rowKey, account);
                written = current is null
                    ? await accounts.AddEntityAsync(entity, cancellationToken)
                    : await accounts.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer created or changed the account meanwhile: merge into what is stored now.
                continue;
            }

            if (current?.ParentAccountId is { } oldParentId && oldParentId != account.ParentAccountId)
            {
                await accounts.DeleteEntityAsync(ChildrenOf(oldParentId), rowKey, cancellationToken: cancellationToken);
            }

            return new VersionedAccount(account, VersionOf(written.Headers.ETag ?? throw new InvalidOperationException("The table returned no ETag.")));
        }
    }

    public async Task<Account?> UpdateAsync(string accountId, Func<Account, Account> change, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape(accountId);
        while (true)
        {
            var row = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, rowKey, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return null;
            }

            var current = JsonDocumentEntity.Read<Account>(row.Value!);
            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            if (changed.Id != current.Id || changed.ParentAccountId != current.ParentAccountId)
            {
                throw new InvalidOperationException($"An update of account '{accountId}' may not change its id or parent; the profile does.");
            }

            try
            {
                await accounts.UpdateEntityAsync(JsonDocumentEntity.Create(AccountPartition, rowKey, changed), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A profile write or another collection step changed it meanwhile: apply the change to what is stored now.
            }
        }
    }

    public async Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var pages = accounts.QueryAsync<TableEntity>(ByPartition(AccountPartition), pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new AccountPage([.. page.Values.Select(JsonDocumentEntity.Read<Account>)], page.ContinuationToken);
        }

        return new AccountPage([], null);
    }

    public Task<ListPage<Account>> ListPageAsync(AccountListFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        filter.ParentId is { } parentId
            ? TablePaging.ReadAsync(accounts, TablePaging.Partition(ChildrenOf(parentId)), page, async (row, cancel) =>
                await ChildOrRepairAsync(parentId, row, cancel) is { } child && filter.Matches(child) ? child : null,
                cancellationToken)
            : TablePaging.ReadAsync(accounts, TablePaging.Partition(AccountPartition), page, row => Matching(JsonDocumentEntity.Read<Account>(row), filter), cancellationToken);

    public Task<ListPage<NumberAssignment>> ListNumbersPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(numbers, TablePaging.Partition(ByAccount(accountId)), page, JsonDocumentEntity.Read<NumberAssignment>, cancellationToken);

    public Task<ListPage<AgentAssignment>> ListAgentsPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(agents, TablePaging.Partition(ByAccount(accountId)), page, JsonDocumentEntity.Read<AgentAssignment>, cancellationToken);

    public async Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken)
    {
        await foreach (var row in numbers.QueryAsync<TableEntity>(ByPartition(ByNumber(number)), cancellationToken: cancellationToken))
        {
            var assignment = JsonDocumentEntity.Read<NumberAssignment>(row);
            var account = await FindAsync(assignment.AccountId, cancellationToken);
            if (account is not null && assignment.HeldOn(at.InZone(account.Billing.Zone).Date))
            {
                return account;
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken)
    {
        var held = new List<NumberAssignment>();
        await foreach (var row in numbers.QueryAsync<TableEntity>(ByPartition(ByAccount(accountId)), cancellationToken: cancellationToken))
        {
            held.Add(JsonDocumentEntity.Read<NumberAssignment>(row));
        }

        return held;
    }

    public async Task<IReadOnlyList<NumberAssignment>> ListAssignmentsOfAsync(string number, CancellationToken cancellationToken)
    {
        var held = new List<NumberAssignment>();
        await foreach (var row in numbers.QueryAsync<TableEntity>(ByPartition(ByNumber(number)), cancellationToken: cancellationToken))
        {
            held.Add(JsonDocumentEntity.Read<NumberAssignment>(row));
        }

        return held;
    }

    /// <remarks>The child index is written before the account and the old parent's entry removed after it, so a crash
    /// in between leaves an index row for an account that no longer names that parent; listings read each child's own row, skip those
    /// and remove them (<see cref="ChildOrRepairAsync"/>).</remarks>
    public async Task SetAsync(Account account, CancellationToken cancellationToken)
    {
        var previous = await FindAsync(account.Id, cancellationToken);
        var rowKey = TableKeys.Escape(account.Id);
        if (account.ParentAccountId is { } parentId)
        {
            await accounts.UpsertEntityAsync(JsonDocumentEntity.Create(ChildrenOf(parentId), rowKey, account), TableUpdateMode.Replace, cancellationToken);
        }

        await accounts.UpsertEntityAsync(JsonDocumentEntity.Create(AccountPartition, rowKey, account), TableUpdateMode.Replace, cancellationToken);
        if (previous?.ParentAccountId is { } oldParentId && oldParentId != account.ParentAccountId)
        {
            await accounts.DeleteEntityAsync(ChildrenOf(oldParentId), rowKey, cancellationToken: cancellationToken);
        }
    }

    public async Task<Outcome<NumberAssignment>> AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken)
    {
        var claim = ClaimOf("number|" + assignment.Number);
        while (true)
        {
            var holder = await HoldingClaims.ClaimAsync(
                numbers, claim, assignment, cancel => ListAssignmentsOfAsync(assignment.Number, cancel),
                assignment.IsBlockedBy, assignment.Replaces, (held, cancel) => HoldingClaims.StandsAsync(numbers, NumberRows(held), held, cancel), cancellationToken);
            if (holder is not null)
            {
                return assignment.ConflictWith(holder);
            }

            if (await HoldingClaims.WriteAsync(numbers, claim, NumberRows(assignment), assignment, cancellationToken))
            {
                return assignment;
            }
        }
    }

    public async Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken)
    {
        await foreach (var row in agents.QueryAsync<TableEntity>(ByPartition(ByAgent(vendor, agentId)), cancellationToken: cancellationToken))
        {
            var assignment = JsonDocumentEntity.Read<AgentAssignment>(row);
            var account = await FindAsync(assignment.AccountId, cancellationToken);
            if (account is not null && assignment.HeldOn(at.InZone(account.Billing.Zone).Date))
            {
                return account;
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken)
    {
        var held = new List<AgentAssignment>();
        await foreach (var row in agents.QueryAsync<TableEntity>(ByPartition(ByAccount(accountId)), cancellationToken: cancellationToken))
        {
            held.Add(JsonDocumentEntity.Read<AgentAssignment>(row));
        }

        return held;
    }

    public async Task<IReadOnlyList<AgentAssignment>> ListAssignmentsOfAgentAsync(string vendor, string agentId, CancellationToken cancellationToken)
    {
        var held = new List<AgentAssignment>();
        await foreach (var row in agents.QueryAsync<TableEntity>(ByPartition(ByAgent(vendor, agentId)), cancellationToken: cancellationToken))
        {
            held.Add(JsonDocumentEntity.Read<AgentAssignment>(row));
        }

        return held;
    }

    public async Task<Outcome<AgentAssignment>> AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken)
    {
        var claim = ClaimOf($"agent|{assignment.Vendor}|{assignment.AgentId}");
        while (true)
        {
            var holder = await HoldingClaims.ClaimAsync(
                agents, claim, assignment, cancel => ListAssignmentsOfAgentAsync(assignment.Vendor, assignment.AgentId, cancel),
                assignment.IsBlockedBy, assignment.Replaces, (held, cancel) => HoldingClaims.StandsAsync(agents, AgentRows(held), held, cancel), cancellationToken);
            if (holder is not null)
            {
                return assignment.ConflictWith(holder);
            }

            if (await HoldingClaims.WriteAsync(agents, claim, AgentRows(assignment), assignment, cancellationToken))
            {
                return assignment;
            }
        }
    }

    private static HoldingRows NumberRows(NumberAssignment held) => new(
        ByNumber(held.Number), TableKeys.Escape($"{held.AccountId}|{held.From:yyyy-MM-dd}"),
        ByAccount(held.AccountId), TableKeys.Escape($"{held.Number}|{held.From:yyyy-MM-dd}"));

    private static HoldingRows AgentRows(AgentAssignment held) => new(
        ByAgent(held.Vendor, held.AgentId), TableKeys.Escape($"{held.AccountId}|{held.From:yyyy-MM-dd}"),
        ByAccount(held.AccountId), TableKeys.Escape($"{held.Vendor}|{held.AgentId}|{held.From:yyyy-MM-dd}"));

    private static Account? Matching(Account account, AccountListFilter filter) => filter.Matches(account) ? account : null;

    private static string VersionOf(ETag etag) => RowVersions.Of(etag);

    private static string ChildrenOf(string parentId) => TableKeys.Escape("children|" + parentId);

    private static string ByAgent(string vendor, string agentId) => TableKeys.Escape($"agent|{vendor}|{agentId}");

    private static string ByNumber(string number) => TableKeys.Escape("number|" + number);

    /// <summary>The partition of a number's or agent's claim row, apart from its assignment rows so their queries never read it.</summary>
    private static string ClaimOf(string holding) => TableKeys.Escape("claim|" + holding);

    private static string ByAccount(string accountId) => TableKeys.Escape("account|" + accountId);

    /// <summary>A filter on one partition, as text: a LINQ predicate that calls a method is compiled to a delegate by the SDK on every
    /// query, which was the largest share of rating's CPU for a number nobody holds (looked up anew for each call).</summary>
    private static string ByPartition(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}
