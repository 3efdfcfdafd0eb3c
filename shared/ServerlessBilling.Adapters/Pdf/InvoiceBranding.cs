namespace ServerlessBilling.Pdf;

/// <summary>The reseller's own identity on its invoices.</summary>
/// <param name="Address">Postal address; a line break (or <c>|</c>) starts a new line.</param>
/// <param name="AccentColor">Hex colour (<c>#RRGGBB</c>) for headings and rules.</param>
public sealed record InvoiceBranding(string Name, string Address, string AccentColor)
{
    /// <summary>Lines of <see cref="Address"/>, as printed.</summary>
    public IReadOnlyList<string> AddressLines =>
        Address.Split(['\n', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
