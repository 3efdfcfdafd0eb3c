using Microsoft.Extensions.Compliance.Redaction;

namespace ServerlessBilling.Telemetry;

/// <summary>Redacts <see cref="BillingData.PhoneNumber"/> values as <see cref="PhoneNumberMask.InText"/> shows them: every number
/// in the text keeps its leading <c>+</c>, one country digit and its last four (<c>+1******0100</c>).</summary>
/// <remarks>Masking swaps digits for stars one for one, so the redacted text is as long as the original.</remarks>
public sealed class PhoneNumberRedactor(PhoneNumberMask mask) : Redactor
{
    public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        var masked = mask.InText(source.ToString());
        masked.AsSpan().CopyTo(destination);
        return masked.Length;
    }
}
