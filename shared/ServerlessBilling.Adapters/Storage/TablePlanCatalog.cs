using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>Plans as JSON documents in <c>Plans</c>, one row each (versions inside); a plan's version is a digest of its row's ETag.</summary>
public sealed class TablePlanCatalog(TableServiceClient tables) : IPlanCatalog
{
    private const string Partition = "plan";
    private readonly TableClient plans = tables.GetTableClient(StorageNames.PlansTable);

    public async Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken)
    {
        var row = await plans.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(planId), cancellationToken: cancellationToken);
        return row.HasValue ? JsonDocumentEntity.Read<PricePlan>(row.Value!) : null;
    }

    public async Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken)
    {
        var row = await plans.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(planId), cancellationToken: cancellationToken);
        return row.HasValue ? new VersionedPlan(JsonDocumentEntity.Read<PricePlan>(row.Value!), RowVersions.Of(row.Value!.ETag)) : null;
    }

    public async Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken)
    {
        var entity = JsonDocumentEntity.Create(Partition, TableKeys.Escape(plan.Id), plan);
        if (expectedVersion is null)
        {
            var written = await plans.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return new VersionedPlan(plan, RowVersions.Of(written));
        }

        var row = await plans.GetEntityIfExistsAsync<TableEntity>(Partition, entity.RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || (expectedVersion != "*" && expectedVersion != RowVersions.Of(row.Value!.ETag)))
        {
            return Stale(plan.Id, expectedVersion);
        }

        try
        {
            var written = await plans.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return new VersionedPlan(plan, RowVersions.Of(written));
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another write landed between the read and this one.
            return Stale(plan.Id, expectedVersion);
        }
    }

    public async Task SetAsync(PricePlan plan, CancellationToken cancellationToken) =>
        await plans.UpsertEntityAsync(JsonDocumentEntity.Create(Partition, TableKeys.Escape(plan.Id), plan), TableUpdateMode.Replace, cancellationToken);

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(plans, TablePaging.Partition(Partition), page, JsonDocumentEntity.Read<PricePlan>, cancellationToken);

    private static Problem Stale(string planId, string expectedVersion) =>
        Problem.Stale($"Plan '{planId}' is not at version {expectedVersion}: read it again and reapply the change");
}
