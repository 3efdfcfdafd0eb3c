using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>Plans as JSON documents in <c>Plans</c>, one row each (versions inside).</summary>
public sealed class TablePlanCatalog(TableServiceClient tables) : IPlanCatalog
{
    private const string Partition = "plan";
    private readonly TableClient plans = tables.GetTableClient(StorageNames.PlansTable);

    public async Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken)
    {
        var row = await plans.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(planId), cancellationToken: cancellationToken);
        return row.HasValue ? JsonDocumentEntity.Read<PricePlan>(row.Value!) : null;
    }

    public async Task SetAsync(PricePlan plan, CancellationToken cancellationToken) =>
        await plans.UpsertEntityAsync(JsonDocumentEntity.Create(Partition, TableKeys.Escape(plan.Id), plan), TableUpdateMode.Replace, cancellationToken);

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(plans, TablePaging.Partition(Partition), page, JsonDocumentEntity.Read<PricePlan>, cancellationToken);
}
