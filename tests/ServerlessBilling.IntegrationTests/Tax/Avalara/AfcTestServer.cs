using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>
/// An AvaTax for Communications REST v2 <c>CalcTaxes</c> endpoint on a loopback port, speaking the developer guide's request and
/// response shapes. Like the service it refuses a request whose <c>api_key</c> (Base64 <c>username:password</c>) or
/// <c>client_id</c> header is wrong (HTTP 401). It records every body it accepts, and taxes each line item from a small
/// rate sheet (<see cref="AfcTestRates"/>); an account's next answers can be scripted (an error response, a server failure).
/// Like the service it keeps each accepted <c>CalcTaxes</c> invoice as a transaction under its document code, committed or not
/// (<c>cmmt</c>), and its Commit API (<c>/api/v2/afc/commit</c>) commits or uncommits every transaction under a code.
/// </summary>
public sealed class AfcTestServer : IAsyncDisposable
{
    public const string Username = "billing@reseller.test";
    public const string Password = "s3cret-afc";
    public const string ClientId = "4711";

    private LoopbackTestServer? host;
    private readonly Lock gate = new();
    private readonly List<JsonObject> requests = [];
    private readonly Dictionary<string, Queue<(HttpStatusCode Status, string? Body)>> scripts = new(StringComparer.Ordinal);
    private readonly HashSet<string> down = new(StringComparer.Ordinal);
    private readonly List<AfcTransaction> transactions = [];
    private readonly List<JsonObject> commits = [];
    private decimal e911 = AfcTestRates.E911PerLine;
    private decimal? e911AfterDraft;

    /// <summary>The base address: what <c>Tax:Avalara:Endpoint</c> is set to.</summary>
    public Uri Endpoint => host!.BaseAddress;

    /// <summary>The settings a host needs to tax through this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Tax:Engine"] = "AvalaraCommunications",
        ["Tax:Avalara:Endpoint"] = Endpoint.ToString(),
        ["Tax:Avalara:Username"] = Username,
        ["Tax:Avalara:Password"] = Password,
        ["Tax:Avalara:ClientId"] = ClientId,
    };

    /// <summary>The bodies of the requests accepted (right credentials), in order.</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The transactions kept under <paramref name="documentCode"/>, in the order taxed.</summary>
    public IReadOnlyList<AfcTransaction> Transactions(string documentCode)
    {
        lock (gate)
        {
            return [.. transactions.Where(t => t.DocumentCode == documentCode)];
        }
    }

    /// <summary>The bodies of the Commit API calls accepted, in order.</summary>
    public IReadOnlyList<JsonObject> Commits
    {
        get
        {
            lock (gate)
            {
                return [.. commits];
            }
        }
    }

    /// <summary>How many requests the server refused for their credentials.</summary>
    public int Refused { get; private set; }

    public static async Task<AfcTestServer> StartAsync()
    {
        var server = new AfcTestServer();
        server.host = await LoopbackTestServer.StartAsync(app =>
        {
            app.MapPost("/api/v2/afc/calctaxes", server.HandleAsync);
            app.MapPost("/api/v2/afc/commit", server.CommitAsync);
        });
        return server;
    }

    /// <summary>The next answer to a request for <paramref name="accountId"/>'s invoice is this status and body (none: an empty body).</summary>
    public void Script(string accountId, HttpStatusCode status, string? body = null)
    {
        lock (gate)
        {
            if (!scripts.TryGetValue(accountId, out var queue))
            {
                scripts[accountId] = queue = new();
            }

            queue.Enqueue((status, body));
        }
    }

    /// <summary>Once the next draft (an uncommitted request) is answered, the E911 fee per line is <paramref name="perLine"/> in
    /// every answer: a rate the service changed between a draft and the invoice's numbering (committed under the number, whatever
    /// the account).</summary>
    public void ChangeE911AfterDraft(decimal perLine)
    {
        lock (gate)
        {
            e911AfterDraft = perLine;
        }
    }

    /// <summary>Every request for <paramref name="accountId"/>'s invoices fails with HTTP 503 until <see cref="Restore"/>.</summary>
    public void TakeDown(string accountId)
    {
        lock (gate)
        {
            down.Add(accountId);
        }
    }

    public void Restore(string accountId)
    {
        lock (gate)
        {
            down.Remove(accountId);
        }
    }

    /// <summary>The requests accepted for <paramref name="accountId"/>'s invoices, answered or failed.</summary>
    public int RequestsFor(string accountId) => Requests.Count(r => r["inv"]![0]!["doc"]!.GetValue<string>().StartsWith(accountId + ":", StringComparison.Ordinal));

    public ValueTask DisposeAsync() => host!.DisposeAsync();

    private async Task<IResult> CommitAsync(HttpRequest request)
    {
        if (!Authorized(request))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
        var code = body["doc"]!.GetValue<string>();
        lock (gate)
        {
            if (down.Contains(code))
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            commits.Add(body);
            foreach (var transaction in transactions.Where(t => t.DocumentCode == code))
            {
                transaction.Committed = body["cmmt"]!.GetValue<bool>();
            }
        }

        return Results.Text("""{ "ok": true }""", "application/json", Encoding.UTF8);
    }

    private bool Authorized(HttpRequest request)
    {
        var expectedKey = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (request.Headers["api_key"] == expectedKey && request.Headers["client_id"] == ClientId && request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            return true;
        }

        lock (gate)
        {
            Refused++;
        }

        return false;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (!Authorized(request))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
        var invoice = (JsonObject)body["inv"]![0]!;
        var account = invoice["doc"]!.GetValue<string>().Split(':')[0];
        (HttpStatusCode Status, string? Body)? scripted = null;
        lock (gate)
        {
            requests.Add(body);
            if (down.Contains(account))
            {
                scripted = (HttpStatusCode.ServiceUnavailable, null);
            }
            else if (scripts.TryGetValue(account, out var queue) && queue.Count > 0)
            {
                scripted = queue.Dequeue();
            }
        }

        if (scripted is { } answer)
        {
            return Results.Text(answer.Body ?? "", "application/json", Encoding.UTF8, (int)answer.Status);
        }

        decimal perLine;
        lock (gate)
        {
            var committed = invoice["cmmt"]!.GetValue<bool>();
            transactions.Add(new AfcTransaction(invoice["doc"]!.GetValue<string>(), invoice) { Committed = committed });
            perLine = e911;
            if (!committed && e911AfterDraft is { } next)
            {
                (e911, e911AfterDraft) = (next, null);
            }
        }

        return Results.Text(AfcTestRates.Answer(body, perLine).ToJsonString(), "application/json", Encoding.UTF8);
    }
}
