using Azure.Data.Tables;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Upstream;

/// <summary>Cost plans in <c>Plans</c> beside the price plans: partition <c>cost</c>, row <c>{vendor}|{product}</c>, the plan as its JSON document.</summary>
public sealed class TableCostPlans(TableServiceClient tables) : ICostPlans
{
    private const string Partition = "cost";
    private readonly TableClient plans = tables.GetTableClient(StorageNames.PlansTable);

    public async Task<CostPlan?> FindAsync(string vendor, string product, CancellationToken cancellationToken)
    {
        var row = await plans.GetEntityIfExistsAsync<TableEntity>(Partition, Row(vendor, product), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    public async Task<IReadOnlyList<CostPlan>> ListAsync(string vendor, CancellationToken cancellationToken)
    {
        // Vendor names are source names (lower-case letters, digits, '-'), so '|' and '}' bound exactly the vendor's rows.
        var from = TableKeys.Literal(TableKeys.Escape(vendor) + "|");
        var to = TableKeys.Literal(TableKeys.Escape(vendor) + "}");
        var found = new List<CostPlan>();
        await foreach (var row in plans.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}' and RowKey ge {from} and RowKey lt {to}", cancellationToken: cancellationToken))
        {
            found.Add(Read(row));
        }

        return [.. found.OrderBy(p => p.Product, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<string>> ListVendorsAsync(CancellationToken cancellationToken)
    {
        // One partition of a few rows per vendor's product: the vendor column alone is read.
        var vendors = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in plans.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", select: ["Vendor"], cancellationToken: cancellationToken))
        {
            vendors.Add(row.GetString("Vendor"));
        }

        return [.. vendors];
    }

    public async Task SetAsync(CostPlan plan, CancellationToken cancellationToken)
    {
        var row = JsonDocumentEntity.Create(Partition, Row(plan.Vendor, plan.Product), plan.Plan);
        row["Vendor"] = plan.Vendor;
        row["Product"] = plan.Product;
        await plans.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private static CostPlan Read(TableEntity row) =>
        new(row.GetString("Vendor"), row.GetString("Product"), JsonDocumentEntity.Read<PricePlan>(row));

    private static string Row(string vendor, string product) => TableKeys.Escape($"{vendor}|{product}");
}
