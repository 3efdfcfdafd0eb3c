using System.Globalization;
using System.Text;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Demo;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage.UsageEvents;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>The benches' input: accounts on the demo plan, one number each, and calls from those numbers, as an Asterisk
/// <c>Master.csv</c> or as signed single-event webhook deliveries.</summary>
/// <param name="Run">Keeps this run's event ids apart from any other's on the same storage.</param>
public sealed record IngestWorkload(int Accounts, string Run)
{
    /// <summary>The time zone the CDR file is dropped under (its path names it) and its local times are in.</summary>
    public const string Zone = "America/Chicago";

    public static string Number(int account) => $"+1555{account:D7}";

    /// <summary>The plan, and <see cref="Accounts"/> accounts holding one number each since 2020.</summary>
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<IAccountDirectory>();
        await services.GetRequiredService<IPlanCatalog>().SetAsync(DemoData.Plan, cancellationToken);
        await Parallel.ForEachAsync(Holders(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (holder, ct) =>
        {
            await directory.SetAsync(holder.Account, ct);
            await directory.AssignNumberAsync(holder.Number, ct);
        });
    }

    /// <summary>The same plan and accounts put through a running host's management API, as a reseller's tooling would: idempotent, so
    /// a second run against the same host finds them in place.</summary>
    public async Task SeedAsync(BillingApiClient api, CancellationToken cancellationToken)
    {
        await api.PutPlanAsync(DemoData.Plan, cancellationToken);
        await Parallel.ForEachAsync(Holders(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (holder, ct) =>
        {
            await api.PutAccountAsync(holder.Account, ct);
            await api.AssignNumberAsync(holder.Number, ct);
        });
    }

    private IEnumerable<(Account Account, NumberAssignment Number)> Holders() =>
        Enumerable.Range(0, Accounts).Select(i =>
        {
            var account = new Account($"ingest-{i:D5}", $"Ingest Customer {i}", DemoData.Plan.Id, new BillingProfile(Zone, 1, "USD"));
            return (account, new NumberAssignment(Number(i), account.Id, NumberType.Local, new LocalDate(2020, 1, 1)));
        });

    /// <summary>Writes <paramref name="lines"/> answered outbound calls, spread over the hours before <paramref name="now"/>, into a file.</summary>
    public async Task WriteCdrFileAsync(string path, int lines, Instant now, CancellationToken cancellationToken)
    {
        var zone = DateTimeZoneProviders.Tzdb[Zone];
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        for (var k = 0; k < lines; k++)
        {
            var (from, seconds, start) = Call(k, now);
            var local = start.InZone(zone).LocalDateTime;
            var end = local.PlusSeconds(seconds + 2);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"\"\",\"{from[1..]}\",\"13125550000\",\"from-internal\",\"\",\"PJSIP/ai-01\",\"PJSIP/trunk-01\",\"Dial\",\"\",\"{local:yyyy-MM-dd HH:mm:ss}\",\"{local.PlusSeconds(2):yyyy-MM-dd HH:mm:ss}\",\"{end:yyyy-MM-dd HH:mm:ss}\",{seconds + 2},{seconds},\"ANSWERED\",\"BILLING\",\"{Run}.{k}\""));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The body of delivery <paramref name="k"/>: one event, its id unique to the run.</summary>
    /// <param name="customer">The number the call is from; null: account k mod <see cref="Accounts"/>'s.</param>
    public byte[] EventBody(int k, Instant now, string? customer = null)
    {
        var (from, seconds, start) = Call(k, now);
        from = customer ?? from;
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"events":[{"id":"{{Run}}-{{k}}","startedAt":"{{start}}","durationSeconds":{{seconds}},"direction":"outbound","from":"{{from}}","to":"+13125550000","component":"Telephony"}]}"""));
    }

    /// <summary>A signed request for <paramref name="body"/> to <c>POST /api/webhooks/events</c>.</summary>
    public static HttpRequestMessage SignedDelivery(byte[] body, string secret)
    {
        var (timestamp, signature) = UsageEventsWebhook.Sign(secret, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(UsageEventsWebhook.TimestampHeader, timestamp);
        request.Headers.Add(UsageEventsWebhook.SignatureHeader, signature);
        return request;
    }

    /// <summary>Call <paramref name="k"/>: from account k mod N, 1 to 600 s long, started within the 10 hours before the last hour.</summary>
    /// <remarks>The length's product is taken in 64 bits: in 32 it wraps past k = 271,183 and the lines after it would be negative.</remarks>
    private (string From, int Seconds, Instant Start) Call(int k, Instant now) =>
        (Number(k % Accounts), 1 + (int)((long)k * 7919 % 600), now - Duration.FromHours(1) - Duration.FromSeconds(k % 36_000));
}
