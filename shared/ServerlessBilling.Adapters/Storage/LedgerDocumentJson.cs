using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessBilling.Storage;

/// <summary>How a claim's and a usage row's document is written: what the record is built from, nothing it computes, characters
/// as they are.</summary>
/// <remarks><para>Why: a CDR line is two of these documents (its claim and its usage row), every one parsed, kept and sent again by
/// the table store, so their bytes are the ledger's cost in storage, transfer and, on Azurite, memory and time. Written with
/// <see cref="BillingJson.Options"/> they carried what nothing reads back, such as a call's customer number (its
/// <c>From</c> or <c>To</c> again) and its cost basis, and spelled a <c>+</c> as <c>\u002B</c> (an escape for JSON put in HTML);
/// about a tenth of each document.</para>
/// <para>Read with <see cref="BillingJson.Options"/> as before: a computed property is never read (it has no setter and no
/// constructor parameter), so documents written before, which carry them, read the same (<c>TableEventIdentitiesShapeTests</c>, <c>TableUsageLedgerShapeTests</c>).</para></remarks>
internal static class LedgerDocumentJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(BillingJson.Options)
        {
            // Not for HTML: these documents are only ever parsed as JSON; quotes, backslashes and control characters are still escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = BillingJson.Options.TypeInfoResolver!.WithAddedModifier(LeaveOutComputed),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A property with neither a setter nor a constructor parameter is computed from the others: reading never sets it.</summary>
    private static void LeaveOutComputed(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i] is { Set: null, AssociatedParameter: null })
            {
                type.Properties.RemoveAt(i);
            }
        }
    }
}
