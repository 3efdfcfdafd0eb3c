using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Event identities in <c>EventIdentities</c>: partition = a hash bucket of the event id, row = event id and component
/// (<see cref="EventIdentityKeys"/>); insert-if-absent is the claim.</summary>
public sealed class TableEventIdentities(TableServiceClient tables) : IEventIdentities
{
    private readonly TableClient identities = tables.GetTableClient(StorageNames.EventIdentitiesTable);

    public async Task<IdentityClaim?> TryClaimAsync(IdentityClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await identities.AddEntityAsync(Row(claim), cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindAsync(claim.Identity, cancellationToken)
                ?? throw new InvalidOperationException($"The identity {claim.Identity} was claimed and is gone: claims are never deleted.");
        }
    }

    /// <summary>Claims that share a bucket are inserted in one transaction (up to 100); a transaction refused because one of its
    /// identities is claimed already is claimed again one identity at a time.</summary>
    public async Task<IReadOnlyList<IdentityClaim?>> TryClaimAllAsync(IReadOnlyList<IdentityClaim> claims, CancellationToken cancellationToken) =>
        await TableGroupInserts.InsertAllAsync<IdentityClaim?>(
            identities, claims.Select(Row).ToList(), inserted: null, i => TryClaimAsync(claims[i], cancellationToken), cancellationToken);

    public async Task<IdentityClaim?> FindAsync(EventIdentity identity, CancellationToken cancellationToken)
    {
        var row = await identities.GetEntityIfExistsAsync<TableEntity>(
            EventIdentityKeys.Partition(identity), EventIdentityKeys.Row(identity), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new IdentityClaim(JsonDocumentEntity.Read<RatedUsage>(entity), entity.GetString("Delivery"))
            : null;
    }

    public async Task ReplaceAsync(IdentityClaim claim, CancellationToken cancellationToken) =>
        await identities.UpdateEntityAsync(Row(claim), ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The whole billed version as JSON (what a conflict is compared with), plus columns for a person browsing the table.</summary>
    private static TableEntity Row(IdentityClaim claim)
    {
        var row = JsonDocumentEntity.Create(EventIdentityKeys.Partition(claim.Identity), EventIdentityKeys.Row(claim.Identity), claim.Billed);
        row["EventId"] = claim.Identity.EventId;
        row["Component"] = claim.Identity.Component.ToString();
        row["AccountId"] = claim.Billed.AccountId;
        row["PeriodKey"] = claim.Billed.PeriodKey;
        row["Delivery"] = claim.Delivery;
        return row;
    }
}
