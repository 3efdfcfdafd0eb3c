using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>Links signed with a user delegation key the app's managed identity obtains: no account key exists in the app.</summary>
/// <remarks>
/// The identity needs the <c>generateUserDelegationKey</c> action, which its Storage Blob Data Owner role includes.
/// One key is reused until it is within a day of its own expiry; a key lives at most seven days, and a link cannot outlive its key.
/// </remarks>
public sealed class UserDelegationDocumentLinks(BlobServiceClient blobs, IClock clock) : IDocumentLinks
{
    private readonly SemaphoreSlim refresh = new(1, 1);
    private UserDelegationKey? key;

    public async Task<Uri> SignAsync(DocumentAddress address, Instant expiresAt, CancellationToken cancellationToken)
    {
        var delegation = await KeyAsync(expiresAt, cancellationToken);
        var blob = DocumentBlobs.Blob(blobs, address);
        var query = DocumentSas.For(blob, address, expiresAt).ToSasQueryParameters(delegation, blobs.AccountName);
        return new UriBuilder(blob.Uri) { Query = query.ToString() }.Uri;
    }

    private async Task<UserDelegationKey> KeyAsync(Instant expiresAt, CancellationToken cancellationToken)
    {
        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (key is { } current && Instant.FromDateTimeOffset(current.SignedExpiresOn) >= expiresAt + Duration.FromDays(1))
            {
                return current;
            }

            var now = clock.GetCurrentInstant();
            var keyExpiry = Instant.Max(now, expiresAt) + Duration.FromDays(2);
            var response = await blobs.GetUserDelegationKeyAsync(
                (now - Duration.FromMinutes(5)).ToDateTimeOffset(), keyExpiry.ToDateTimeOffset(), cancellationToken);
            key = response.Value;
            return key;
        }
        finally
        {
            refresh.Release();
        }
    }
}
