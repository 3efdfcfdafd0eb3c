using System.Globalization;
using ServerlessBilling.Usage;

namespace ServerlessBilling;

/// <summary>The grammar of one kind of id: what a caller may name an account, a plan, a number, a period or a file with.</summary>
/// <remarks>
/// <para>Every id the API accepts becomes part of a storage key (a Table PartitionKey or RowKey, a blob name, a durable
/// instance id). Azure Tables refuse keys over 1 KiB and keys holding <c>/ \ # ?</c> or control characters
/// (U+0000–U+001F, U+007F–U+009F); the rules here are narrower than that, so a valid id is always a valid key and a
/// refused one is refused at the edge with its field named, never by storage with a 500.</para>
/// <para><b>One id, one path.</b> A route value is percent-decoded exactly once by the host. No rule admits <c>%</c> or
/// <c>/</c> (except <see cref="FileName"/>, whose segments are separated by <c>/</c>), so a value that still holds an
/// escape after that decode (<c>a%2Fc</c> sent as <c>a%252Fc</c>, or <c>%2F</c>, which hosts leave encoded) is refused
/// rather than read as another id. Each id therefore has exactly one spelling in a URL.</para>
/// </remarks>
public sealed class IdRule
{
    private readonly Func<string, bool> accepts;

    private IdRule(string name, int maxLength, string describes, Func<string, bool> accepts)
    {
        Name = name;
        MaxLength = maxLength;
        Describes = describes;
        this.accepts = accepts;
    }

    /// <summary>Plans, invoices, agents, idempotency keys and other ids: a letter or digit, then letters, digits and <c>. _ : -</c>, 128 characters at most.</summary>
    public static IdRule Id { get; } = new("id", 128, "1 to 128 characters: a letter or digit, then letters, digits, '.', '_', ':' or '-'", s => IsId(s, 128));

    /// <summary>Accounts: the <see cref="Id"/> grammar, 96 characters at most, so the ids derived from an account
    /// (invoice <c>{account}-{yyyyMMdd}</c>, its late-fee invoices <c>...-late-fee-{n}</c>) stay within <see cref="Id"/>.</summary>
    public static IdRule AccountId { get; } = new("account id", 96, "1 to 96 characters: a letter or digit, then letters, digits, '.', '_', ':' or '-'", s => IsId(s, 96));

    /// <summary>Usage sources and vendors: lower-case letters, digits and dashes, as <c>twilio</c>, <c>elevenlabs</c>, <c>asterisk</c>.</summary>
    public static IdRule SourceName { get; } = new("source name", 32, "1 to 32 lower-case letters, digits or '-', starting with a letter, e.g. retell", IsSourceName);

    /// <summary>Documents an operator uploads by name (tax tables): lower-case letters, digits and dashes, 63 characters at most.</summary>
    public static IdRule DocumentName { get; } = new("document name", 63, "1 to 63 lower-case letters, digits or '-', starting with a letter or digit", IsDocumentName);

    /// <summary>Phone numbers: E.164, a <c>+</c> then 7 to 15 digits, the first not 0.</summary>
    public static IdRule PhoneNumber { get; } = new("phone number", 16, "an E.164 number: '+' then 7 to 15 digits, e.g. +14155550100", IsE164);

    /// <summary>Dates that name a period or a day: ISO <c>yyyy-MM-dd</c>, a real calendar date.</summary>
    public static IdRule Date { get; } = new("date", 10, "an ISO date like 2026-10-01", IsDate);

    /// <summary>Blob names of dropped files: <see cref="Id"/>-like segments separated by single <c>/</c>, 1,024 characters at most.</summary>
    public static IdRule FileName { get; } = new("file name", 1024, "segments of letters, digits, '.', '_', ':' or '-' separated by '/', 1 to 1024 characters", IsFileName);

    /// <summary>What the rule is for, e.g. <c>account id</c>.</summary>
    public string Name { get; }

    public int MaxLength { get; }

    /// <summary>The grammar in words, as the reason of a refusal.</summary>
    public string Describes { get; }

    public bool Accepts(string? value) => value is not null && value.Length <= MaxLength && accepts(value);

    /// <summary>Why <paramref name="value"/> is not a valid id for <paramref name="field"/>; null when it is.</summary>
    /// <remarks>The value is quoted in the reason only up to 40 characters: a refused id may be megabytes long.</remarks>
    public RecordProblem? Check(string field, string? value)
    {
        if (Accepts(value))
        {
            return null;
        }

        if (string.IsNullOrEmpty(value))
        {
            return new RecordProblem(field, "is required");
        }

        var shown = value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "...");
        shown = new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > MaxLength
            ? new RecordProblem(field, string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters long; {Describes}"))
            : new RecordProblem(field, $"'{shown}' is not valid: {Describes}");
    }

    public override string ToString() => Name;

    private static bool IsId(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && char.IsAsciiLetterOrDigit(value[0]) && value.All(IsIdChar);

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';

    private static bool IsSourceName(string value) =>
        value.Length > 0 && char.IsAsciiLetterLower(value[0]) && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsDocumentName(string value) =>
        value.Length > 0 && (char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0]))
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsE164(string value) =>
        value.Length is >= 8 and <= 16 && value[0] == '+' && value[1] != '0' && value.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false;

    private static bool IsDate(string value) =>
        value.Length == 10 && NodaTime.Text.LocalDatePattern.Iso.Parse(value).Success;

    private static bool IsFileName(string value) =>
        value.Split('/') is var segments && segments.All(s => s.Length > 0 && char.IsAsciiLetterOrDigit(s[0]) && s.All(IsIdChar));
}
