using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Storage;

/// <summary>Accounts in one partition of <c>Accounts</c>, with each child indexed under <c>children|{parentId}</c> in the same table; number assignments in <c>Numbers</c> and agent assignments in <c>Agents</c>, each indexed twice: by number or agent (attribution) and by account (listing, number fees).</summary>
public sealed class TableAccountDirectory(TableServiceClient tables) : IAccountDirectory
{
    private const string AccountPartition = "account";
    private readonly TableClient accounts = tables.GetTableClient(StorageNames.AccountsTable);
    private readonly TableClient numbers = tables.GetTableClient(StorageNames.NumbersTable);
    private readonly TableClient agents = tables.GetTableClient(StorageNames.AgentsTable);

    public async Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, TableKeys.Escape(accountId), cancellationToken: cancellationToken);
        return row.HasValue ? JsonDocumentEntity.Read<Account>(row.Value!) : null;
    }

    public async Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var pages = accounts.QueryAsync<TableEntity>(e => e.PartitionKey == AccountPartition, pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new AccountPage([.. page.Values.Select(JsonDocumentEntity.Read<Account>)], page.ContinuationToken);
        }

        return new AccountPage([], null);
    }

    public async Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken)
    {
        await foreach (var row in numbers.QueryAsync<TableEntity>(e => e.PartitionKey == ByNumber(number), cancellationToken: cancellationToken))
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
        await foreach (var row in numbers.QueryAsync<TableEntity>(e => e.PartitionKey == ByAccount(accountId), cancellationToken: cancellationToken))
        {
            held.Add(JsonDocumentEntity.Read<NumberAssignment>(row));
        }

        return held;
    }

    public async Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken)
    {
        var children = new List<Account>();
        await foreach (var row in accounts.QueryAsync<TableEntity>(e => e.PartitionKey == ChildrenOf(parentId), cancellationToken: cancellationToken))
        {
            // The account row is the truth; an index row left by a crash mid-move is skipped.
            if (await FindAsync(JsonDocumentEntity.Read<Account>(row).Id, cancellationToken) is { } child && child.ParentAccountId == parentId)
            {
                children.Add(child);
            }
        }

        return children;
    }

    /// <remarks>The child index is written before the account and the old parent's entry removed after it, so a crash
    /// in between leaves an index row for an account that no longer names that parent; listings read each child's own row and skip those.</remarks>
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

    public async Task AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape($"{assignment.AccountId}|{assignment.From:yyyy-MM-dd}");
        var byAccountKey = TableKeys.Escape($"{assignment.Number}|{assignment.From:yyyy-MM-dd}");
        await numbers.UpsertEntityAsync(JsonDocumentEntity.Create(ByNumber(assignment.Number), rowKey, assignment), TableUpdateMode.Replace, cancellationToken);
        await numbers.UpsertEntityAsync(JsonDocumentEntity.Create(ByAccount(assignment.AccountId), byAccountKey, assignment), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken)
    {
        await foreach (var row in agents.QueryAsync<TableEntity>(e => e.PartitionKey == ByAgent(vendor, agentId), cancellationToken: cancellationToken))
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
        await foreach (var row in agents.QueryAsync<TableEntity>(e => e.PartitionKey == ByAccount(accountId), cancellationToken: cancellationToken))
        {
            held.Add(JsonDocumentEntity.Read<AgentAssignment>(row));
        }

        return held;
    }

    public async Task AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape($"{assignment.AccountId}|{assignment.From:yyyy-MM-dd}");
        var byAccountKey = TableKeys.Escape($"{assignment.Vendor}|{assignment.AgentId}|{assignment.From:yyyy-MM-dd}");
        await agents.UpsertEntityAsync(JsonDocumentEntity.Create(ByAgent(assignment.Vendor, assignment.AgentId), rowKey, assignment), TableUpdateMode.Replace, cancellationToken);
        await agents.UpsertEntityAsync(JsonDocumentEntity.Create(ByAccount(assignment.AccountId), byAccountKey, assignment), TableUpdateMode.Replace, cancellationToken);
    }

    private static string ChildrenOf(string parentId) => TableKeys.Escape("children|" + parentId);

    private static string ByAgent(string vendor, string agentId) => TableKeys.Escape($"agent|{vendor}|{agentId}");

    private static string ByNumber(string number) => TableKeys.Escape("number|" + number);

    private static string ByAccount(string accountId) => TableKeys.Escape("account|" + accountId);
}
