using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Entity group transactions of inserts, written as one request body without the SDK's request per operation.</summary>
/// <remarks>
/// <para>Why: <c>TableClient.SubmitTransactionAsync</c> builds a whole HTTP request for every entity of a transaction (headers, a JSON
/// writer and its buffers, the request line and headers serialized twice into 4 KB string builders) and parses the response part by
/// part a byte at a time. On a first-dropped CDR file, two inserts a line, that was about a third of the host's CPU and most of its
/// garbage (docs/performance.md, "Where the host's CPU goes per line"). Here a transaction is one buffer written once and its answer is
/// read as text: the same wire format, the same all-or-nothing answer.</para>
/// <para>Only the billing clients' own <see cref="TableServiceClient"/> gets one (<see cref="Register"/>, from
/// <see cref="BillingStorageClients"/>), over the same client options (retries, and the request counter every attempt passes), so a
/// client built elsewhere (a test's scratch tables with a failing policy) keeps the SDK's path. A row with a property type the body
/// writer does not know is sent by the SDK.</para>
/// </remarks>
public sealed class TableInsertBatches
{
    private static readonly ConditionalWeakTable<TableServiceClient, TableInsertBatches> Registered = new();

    private readonly HttpPipeline pipeline;
    private readonly Uri endpoint;
    private readonly string? account;
    private readonly byte[]? key;

    private TableInsertBatches(ClientOptions options, Uri endpoint, string? account, byte[]? key, TokenCredential? credential)
    {
        this.endpoint = endpoint;
        this.account = account;
        this.key = key;
        HttpPipelinePolicy[] auth = credential is null ? [] : [new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default")];
        pipeline = HttpPipelineBuilder.Build(options, [], auth, new ResponseClassifier());
    }

    /// <summary>For <paramref name="tables"/>, made from an account key connection string (Azurite's, or a key's): its endpoint and
    /// account as the client resolved them, the key from the string. Null for one this does not sign (a SAS), which keeps the SDK's path.</summary>
    public static TableInsertBatches? FromConnectionString(TableServiceClient tables, string connectionString, ClientOptions options) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.TryGetValue("AccountKey", out var secret) && secret is string { Length: > 0 } key
            ? new TableInsertBatches(options, Endpoint(tables), tables.AccountName, Convert.FromBase64String(key), credential: null)
            : null;

    public static TableInsertBatches FromCredential(TableServiceClient tables, TokenCredential credential, ClientOptions options) =>
        new(options, Endpoint(tables), account: null, key: null, credential);

    /// <summary>Makes <paramref name="tables"/>' inserts go through <paramref name="batches"/> (see <see cref="For"/>).</summary>
    public static void Register(TableServiceClient tables, TableInsertBatches? batches)
    {
        if (batches is not null)
        {
            Registered.AddOrUpdate(tables, batches);
        }
    }

    /// <summary>The batches registered for <paramref name="tables"/>, or null: then the SDK writes the transactions.</summary>
    public static TableInsertBatches? For(TableServiceClient tables) => Registered.TryGetValue(tables, out var batches) ? batches : null;

    /// <summary>Inserts <paramref name="rows"/> (one partition, at most 100) in one transaction.</summary>
    /// <returns>True when all were inserted, false when a row was there already (nothing was written), null when a row holds a property
    /// type the body writer does not know (nothing was sent: the caller sends it through the SDK).</returns>
    /// <exception cref="RequestFailedException">The transaction failed otherwise (after the pipeline's retries).</exception>
    public async Task<bool?> TryInsertAsync(string table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var batch = Guid.NewGuid().ToString();
        using var body = TableBatchBody.TryWrite($"{endpoint}/{table}", rows, batch);
        if (body is null)
        {
            return null;
        }

        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri($"{endpoint}/$batch"));
        request.Headers.SetValue("x-ms-version", "2019-02-02");
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", "application/json");
        request.Headers.SetValue("Content-Type", $"multipart/mixed; boundary=batch_{batch}");
        var date = DateTimeOffset.UtcNow.ToString("r");
        request.Headers.SetValue("x-ms-date", date);
        if (key is not null)
        {
            request.Headers.SetValue("Authorization", $"SharedKeyLite {account}:{Sign($"{date}\n/{account}{new Uri($"{endpoint}/$batch").AbsolutePath}")}");
        }

        request.Content = RequestContent.Create(body.Written);
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        var text = response.Content.ToString();
        if (response.Status != 202)
        {
            throw new RequestFailedException(response.Status, $"The transaction of {rows.Count} rows into {table} failed: {response.Status} {response.ReasonPhrase}. {text}");
        }

        return TableBatchBody.Answer(text) switch
        {
            0 => true,
            409 => false,
            var status => throw new RequestFailedException(status, $"The transaction of {rows.Count} rows into {table} was refused: {status}. {text}"),
        };
    }

    private static Uri Endpoint(TableServiceClient tables) => new(tables.Uri.ToString().TrimEnd('/'));

    private string Sign(string text)
    {
        using var hmac = new HMACSHA256(key!);
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
