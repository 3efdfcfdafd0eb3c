using NodaTime;
using ServerlessBilling.Hosting;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>Section <c>Documents</c>: how signed links to invoice and credit note files are made, and how long they live.</summary>
public sealed class DocumentsSettings : ISettingsSection
{
    public static string Section => "Documents";

    /// <summary><c>SharedKey</c> (the default) or <c>UserDelegation</c>.</summary>
    public DocumentLinkSigning? LinkSigning { get; set; }

    /// <summary>How long a link is valid, in minutes (default 15, at most 1440).</summary>
    public int? LinkLifetimeMinutes { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. SettingText.EnumProblems("Documents:LinkSigning", LinkSigning),
        .. LinkLifetimeMinutes is <= 0 or > 1440 ? ["Documents:LinkLifetimeMinutes: must be from 1 to 1440 (a day)."] : Array.Empty<string>(),
    ];

    public DocumentLinkOptions ToOptions() =>
        LinkLifetimeMinutes is { } minutes ? new DocumentLinkOptions(Duration.FromMinutes(minutes)) : DocumentLinkOptions.Default;
}
