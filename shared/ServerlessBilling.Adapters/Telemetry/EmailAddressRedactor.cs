using Microsoft.Extensions.Compliance.Redaction;

namespace ServerlessBilling.Telemetry;

/// <summary>Redacts <see cref="BillingData.EmailAddress"/> values to their first letter and their domain
/// (<c>a***@clinic.example</c>), enough to tell which customer's mailbox without naming the person.</summary>
/// <remarks>Text without an <c>@</c> is not an address: it is starred whole.</remarks>
public sealed class EmailAddressRedactor : Redactor
{
    public override int GetRedactedLength(ReadOnlySpan<char> input) => Redacted(input).Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var redacted = Redacted(source);
        redacted.AsSpan().CopyTo(destination);
        return redacted.Length;
    }

    private static string Redacted(ReadOnlySpan<char> address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0
            ? new string('*', address.Length)
            : string.Concat(address[..1], "***", address[at..]);
    }
}
