using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Storage;

/// <summary>Accounts in one partition of <c>Accounts</c>; number assignments in <c>Numbers</c> and agent assignments in <c>Agents</c>, each indexed twice: by number or agent (attribution) and by account (listing, number fees).</summary>
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

    public async Task SetAsync(Account account, CancellationToken cancellationToken) =>
        await accounts.UpsertEntityAsync(
            JsonDocumentEntity.Create(AccountPartition, TableKeys.Escape(account.Id), account), TableUpdateMode.Replace, cancellationToken);

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

    private static string ByAgent(string vendor, string agentId) => TableKeys.Escape($"agent|{vendor}|{agentId}");

    private static string ByNumber(string number) => TableKeys.Escape("number|" + number);

    private static string ByAccount(string accountId) => TableKeys.Escape("account|" + accountId);
}
