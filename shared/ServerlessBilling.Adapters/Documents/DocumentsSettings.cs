using NodaTime;
using ServerlessBilling.Hosting;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>Section <c>Documents</c>: how signed links to invoice and credit note files are made, how long they live, and the
/// address events give for the routes that serve them.</summary>
public sealed class DocumentsSettings : ISettingsSection
{
    public static string Section => "Documents";

    /// <summary><c>SharedKey</c> (the default) or <c>UserDelegation</c>.</summary>
    public DocumentLinkSigning? LinkSigning { get; set; }

    /// <summary>How long a link is valid, in minutes (default 15, at most 1440).</summary>
    public int? LinkLifetimeMinutes { get; set; }

    /// <summary>The absolute http(s) address the API is reached at from outside (<c>https://billing.example.com</c>); events
    /// then carry absolute URLs for the document routes. Unset: the routes stay relative (<c>/api/...</c>). The local host
    /// defaults it to its own address.</summary>
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. SettingText.EnumProblems("Documents:LinkSigning", LinkSigning),
        .. LinkLifetimeMinutes is <= 0 or > 1440 ? ["Documents:LinkLifetimeMinutes: must be from 1 to 1440 (a day)."] : Array.Empty<string>(),
        .. SettingText.IsSet(PublicBaseUrl) && BaseUrl() is null
            ? ["Documents:PublicBaseUrl: must be an absolute http or https URL without a query, e.g. https://billing.example.com."]
            : Array.Empty<string>(),
    ];

    public DocumentLinkOptions ToOptions() =>
        (LinkLifetimeMinutes is { } minutes ? new DocumentLinkOptions(Duration.FromMinutes(minutes)) : DocumentLinkOptions.Default) with { PublicBaseUrl = BaseUrl() };

    private Uri? BaseUrl() =>
        SettingText.IsSet(PublicBaseUrl) && Uri.TryCreate(PublicBaseUrl!.Trim(), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.Query.Length == 0 && url.Fragment.Length == 0
            ? url
            : null;
}
