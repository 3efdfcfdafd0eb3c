using System.Text.RegularExpressions;
using ServerlessBilling.Usage;

namespace ServerlessBilling.WebhooksOut;

/// <summary>The shape of a registration or change: an absolute URL, known-looking event types, a short description.</summary>
public static partial class WebhookEndpointValidator
{
    public const int MaxDescriptionLength = 500;
    public const int MaxUrlLength = 2048;
    public const int MaxEventTypes = 50;

    /// <summary>Problems with <paramref name="change"/>, each naming its field; <paramref name="creating"/> makes url and eventTypes required.</summary>
    /// <param name="allowHttp">Whether plain <c>http</c> is accepted (only where private targets are allowed).</param>
    public static IReadOnlyList<RecordProblem> Validate(WebhookEndpointChange change, bool creating, bool allowHttp)
    {
        var problems = new List<RecordProblem>();
        if (change.Url is null)
        {
            if (creating)
            {
                problems.Add(new("url", "is required"));
            }
        }
        else if (ParseUrl(change.Url, allowHttp) is { } urlProblem)
        {
            problems.Add(new("url", urlProblem));
        }

        if (change.EventTypes is null)
        {
            if (creating)
            {
                problems.Add(new("eventTypes", "is required: event types such as invoice.finalized, or [\"*\"] for all"));
            }
        }
        else if (change.EventTypes.Count is 0 or > MaxEventTypes)
        {
            problems.Add(new("eventTypes", $"must list 1 to {MaxEventTypes} event types, or [\"*\"] for all"));
        }
        else if (change.EventTypes.FirstOrDefault(t => t is null || (t != WebhookEndpoint.AllTypes && !EventType().IsMatch(t))) is { } bad)
        {
            problems.Add(new("eventTypes", $"'{bad}' is not an event type: lower-case words joined by '.', such as invoice.finalized"));
        }

        if (change.Description is { Length: > MaxDescriptionLength })
        {
            problems.Add(new("description", $"must be at most {MaxDescriptionLength} characters"));
        }

        return problems;
    }

    private static string? ParseUrl(string text, bool allowHttp)
    {
        if (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            return $"must be an absolute URL of at most {MaxUrlLength} characters";
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(allowHttp && url.Scheme == Uri.UriSchemeHttp))
        {
            return "must be an https URL";
        }

        return url.UserInfo.Length > 0 || url.Fragment.Length > 0 ? "must not carry user info or a fragment" : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")]
    private static partial Regex EventType();
}
