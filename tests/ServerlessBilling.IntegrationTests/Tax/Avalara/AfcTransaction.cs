using System.Text.Json.Nodes;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>An invoice the <see cref="AfcTestServer"/> taxed, kept under its document code as the service keeps it for its
/// compliance reports (only committed ones are reported).</summary>
public sealed class AfcTransaction(string documentCode, JsonObject invoice)
{
    public string DocumentCode { get; } = documentCode;

    /// <summary>The invoice as sent (<c>inv[0]</c>).</summary>
    public JsonObject Invoice { get; } = invoice;

    public bool Committed { get; set; }
}
