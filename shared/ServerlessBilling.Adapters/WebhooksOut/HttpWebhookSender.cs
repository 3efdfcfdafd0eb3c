using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>POSTs webhooks through a handler that resolves the host itself, checks every address, and connects only to the
/// addresses it checked, so a name that resolves to an internal address (now, or by a later DNS answer) is never reached.</summary>
/// <remarks>No proxy (it would connect in our stead, past the check), no redirects (a 3xx is a failed attempt: following it
/// could lead anywhere), no cookies; the whole attempt, connecting included, is bounded by <see cref="WebhooksOutSettings.Timeout"/>.</remarks>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient client;
    private readonly TimeSpan timeout;

    public HttpWebhookSender(WebhooksOutSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        timeout = settings.Timeout;
        var allowPrivate = settings.AllowPrivateTargets ?? false;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        };
        client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ServerlessBilling-Webhooks/1.0");
    }

    public async Task<WebhookResponse> SendAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            return new WebhookResponse((int)response.StatusCode, Elapsed(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, Elapsed(started), $"No response within {timeout.TotalSeconds:0.#} s") { TimedOut = true };
        }
        catch (HttpRequestException e)
        {
            var refused = FindInner<WebhookTargetRefusedException>(e);
            return new WebhookResponse(null, Elapsed(started), refused?.Message ?? $"Request failed: {e.HttpRequestError} ({e.InnerException?.Message ?? e.Message})");
        }
    }

    public void Dispose() => client.Dispose();

    /// <summary>The addresses a host names: itself when it is an address literal, else what DNS answers.</summary>
    internal static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>Why the host may not be reached: the first of its addresses that is not public; null when all are.</summary>
    internal static string? Refusal(string host, IReadOnlyList<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return "a name without addresses";
        }

        return addresses.Select(a => (Address: a, Reason: WebhookAddresses.Refusal(a))).FirstOrDefault(a => a.Reason is not null) is { Reason: { } reason } refused
            ? IPAddress.TryParse(host.Trim('[', ']'), out _) ? reason : $"{host}, which resolves to {refused.Address}, {reason}"
            : null;
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(endPoint.Host, cancellationToken);
        if (!allowPrivate && Refusal(endPoint.Host, addresses) is { } reason)
        {
            throw new WebhookTargetRefusedException($"Refused: the host is {reason}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Duration Elapsed(long started) => Duration.FromTimeSpan(Stopwatch.GetElapsedTime(started));

    private static T? FindInner<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
