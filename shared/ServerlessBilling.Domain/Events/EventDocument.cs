using NodaTime;

namespace ServerlessBilling.Events;

/// <summary>One file of a document an event announces (<c>invoice.finalized</c>, <c>credit_note.issued</c>): where the API
/// serves it and a signed link that reads it without a key until <paramref name="ExpiresAt"/>.</summary>
/// <param name="Kind"><c>pdf</c>, <c>json</c> or <c>csv</c> (the invoice's usage detail).</param>
/// <param name="Route">The keyed download route (<c>https://billing.example.com/api/accounts/{accountId}/invoices/{invoiceId}/documents/pdf</c>,
/// absolute under <c>Documents:PublicBaseUrl</c>, else <c>/api/...</c>); it does not expire.</param>
/// <param name="Url">The signed link, made when the document was issued; null when the host signs no links.</param>
/// <param name="ExpiresAt">When storage starts refusing <paramref name="Url"/>; a consumer that gets the event later asks the
/// event's links route, or this file's <paramref name="LinkRoute"/>, for fresh links.</param>
/// <param name="LinkRoute">The keyed route that answers a fresh signed link to this file (<c>.../documents/pdf/link</c>), absolute as
/// <paramref name="Route"/> is.</param>
public sealed record EventDocument(string Kind, string Route, Uri? Url = null, Instant? ExpiresAt = null, string? LinkRoute = null);
