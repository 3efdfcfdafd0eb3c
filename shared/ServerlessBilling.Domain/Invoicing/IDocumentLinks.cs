using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>Signs short-lived read-only links to document files, so a portal or an event's consumer can fetch them without a key.</summary>
public interface IDocumentLinks
{
    /// <summary>A link to the file that storage refuses after <paramref name="expiresAt"/> (an instant in the past gives one already refused).</summary>
    Task<Uri> SignAsync(DocumentAddress address, Instant expiresAt, CancellationToken cancellationToken);
}
