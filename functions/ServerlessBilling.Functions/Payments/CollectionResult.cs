using System.Text.Json.Serialization;

namespace ServerlessBilling.Functions.Payments;

/// <summary>How a collection ended: paid (or credited), or written off with the balance left.</summary>
/// <param name="BalanceDue">What is left owed, in the invoice's currency (zero or less once paid).</param>
/// <remarks>The orchestration's output, kept in durable history: <see cref="CollectionResultJsonConverter"/> writes the balance as a bare
/// number, as it was written when it was a decimal, and its currency after it.</remarks>
[JsonConverter(typeof(CollectionResultJsonConverter))]
public sealed record CollectionResult(string InvoiceId, bool Paid, Money BalanceDue);
