using System.Net;
using System.Web;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Documents;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Documents;

/// <summary>
/// The links Azure issues: <c>Documents:LinkSigning</c> <c>UserDelegation</c> over a blob client that holds no account key,
/// only a managed identity's token. Azurite over HTTPS with OAuth answers <c>Get User Delegation Key</c> and checks the
/// link's signature against the key it gave, so the link reads the blob, a link for another identity's key is refused, and
/// storage refuses the link once it expired.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UserDelegationLinkTests
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static readonly Duration Lifetime = Duration.FromSeconds(4);

    [Fact]
    public async Task SignAsync_UserDelegationByConfiguration_LinkReadsTheBlobUntilItExpires()
    {
        await using var storage = await HttpsAzurite.StartAsync();
        var objectId = Guid.NewGuid().ToString();
        var blobs = storage.Client(new UnsignedStorageToken(TenantId, objectId));
        await using var services = new ServiceCollection()
            .AddSingleton(blobs)
            .AddSingleton<IClock>(SystemClock.Instance)
            .AddDocuments(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Documents:LinkSigning"] = "UserDelegation" }).Build())
            .BuildServiceProvider();
        var address = new DocumentAddress("acct-" + objectId[..8], "inv-" + objectId[..8], CreditNote: false, DocumentKind.Pdf);
        var content = "%PDF-1.7 signed by a user delegation key"u8.ToArray();
        var blob = await UploadAsync(blobs, $"{address.AccountId}/{address.DocumentId}.pdf", content);
        var links = services.GetRequiredService<IDocumentLinks>();

        var expiresAt = SystemClock.Instance.GetCurrentInstant() + Lifetime;
        var link = await links.SignAsync(address, expiresAt, default);
        using var anonymous = storage.Anonymous();
        using var read = await anonymous.GetAsync(link);
        var bytes = await read.Content.ReadAsByteArrayAsync();
        using var forged = await anonymous.GetAsync(new Uri(link.ToString().Replace($"skoid={objectId}", $"skoid={Guid.NewGuid()}", StringComparison.Ordinal)));
        await Task.Delay((expiresAt - SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(2)).ToTimeSpan());
        using var expired = await anonymous.GetAsync(link);
        using var unsigned = await anonymous.GetAsync(blob.Uri);
        var query = HttpUtility.ParseQueryString(link.Query);

        links.ShouldBeOfType<UserDelegationDocumentLinks>();
        blob.CanGenerateSasUri.ShouldBeFalse("the client holds no account key");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        bytes.ShouldBe(content);
        read.Content.Headers.ContentDisposition!.ToString().ShouldBe($"attachment; filename=\"{address.FileName}\"");
        (query["skoid"], query["sktid"], query["sp"], query["sr"], query["spr"]).ShouldBe((objectId, TenantId, "r", "b", "https"));
        (forged.StatusCode, expired.StatusCode, unsigned.StatusCode).ShouldBe((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden));
        (ErrorCode(forged), ErrorCode(expired)).ShouldBe(("AuthorizationFailure", "AuthorizationFailure"));
    }

    private static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.Single() : null;

    private static async Task<BlobClient> UploadAsync(BlobServiceClient blobs, string name, byte[] content)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.InvoicesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content));
        return blob;
    }
}
