using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>A dunning step the orchestration has decided is due; applying it twice has the effect of once.</summary>
/// <param name="Ordinal">Which occurrence (attempt number, late fee number), part of the step's business key.</param>
/// <param name="At">A moment the step announces, e.g. the retry it reminds of (named and written as the date-time it was before, for durable history).</param>
/// <param name="CollectionId">The collection run taking the step; with the kind and ordinal it keys the step's events.</param>
public sealed record DunningStep(string AccountId, string InvoiceId, string CollectionId, DunningStepKind Kind, int Ordinal = 0,
    [property: JsonPropertyName("AtUtc"), JsonConverter(typeof(UtcDateTimeInstantConverter))] Instant? At = null);
