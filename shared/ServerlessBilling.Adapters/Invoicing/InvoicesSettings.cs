using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Invoicing;

/// <summary>How invoices are numbered, section <c>Invoices</c>; maps to <see cref="InvoiceNumberingOptions"/>.</summary>
public sealed class InvoicesSettings : ISettingsSection
{
    public static string Section => "Invoices";

    /// <summary>The gapless sequence's name, one per legal entity (default <c>invoices</c>).</summary>
    public string Sequence { get; set; } = "invoices";

    /// <summary>Written before the number (default <c>INV-</c>; empty for none).</summary>
    public string NumberPrefix { get; set; } = "INV-";

    public IEnumerable<string> Problems() => [];

    public InvoiceNumberingOptions ToOptions() => new(Sequence, NumberPrefix);
}
