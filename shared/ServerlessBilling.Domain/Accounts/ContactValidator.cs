using System.Net.Mail;
using System.Text.RegularExpressions;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>Checks an account's billing contact; each problem names its field under <c>contact.</c>.</summary>
/// <remarks>Lengths are those an invoice prints and a payment gateway's customer record accepts.</remarks>
public static partial class ContactValidator
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxLineLength = 100;
    public const int MaxLines = 3;
    public const int MaxReferenceLength = 64;

    public static IReadOnlyList<RecordProblem> Validate(BillingContact contact)
    {
        var problems = new List<RecordProblem>();
        Text(problems, "contact.name", contact.Name, MaxNameLength);
        if (contact.Email is { } email && (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0))
        {
            problems.Add(new RecordProblem("contact.email", $"'{email}' is not an email address like billing@example.com"));
        }

        if (contact.Phone is { } phone && !Usage.PhoneNumbers.IsValidE164(phone))
        {
            problems.Add(new RecordProblem("contact.phone", $"'{phone}' is not a valid phone number (E.164, e.g. +14155550100)"));
        }

        if (contact.Address is { } address)
        {
            Address(problems, address);
        }

        Text(problems, "contact.poNumber", contact.PoNumber, MaxReferenceLength);
        if (Text(problems, "contact.taxId", contact.TaxId, MaxReferenceLength) && !TaxIdPattern().IsMatch(contact.TaxId!))
        {
            problems.Add(new RecordProblem("contact.taxId", "may hold letters, digits, spaces and . - / only"));
        }

        return problems;
    }

    private static void Address(List<RecordProblem> problems, BillingAddress address)
    {
        var lines = address.Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
        {
            problems.Add(new RecordProblem("contact.address.lines", $"must hold 1 to {MaxLines} lines"));
        }

        for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                problems.Add(new RecordProblem($"contact.address.lines[{i}]", "is empty"));
            }
            else
            {
                Text(problems, $"contact.address.lines[{i}]", lines[i], MaxLineLength);
            }
        }

        if (string.IsNullOrWhiteSpace(address.City))
        {
            problems.Add(new RecordProblem("contact.address.city", "is required"));
        }
        else
        {
            Text(problems, "contact.address.city", address.City, MaxLineLength);
        }

        Text(problems, "contact.address.region", address.Region, MaxLineLength);
        Text(problems, "contact.address.postalCode", address.PostalCode, 20);
        if (address.Country is not { Length: 2 } country || !country.All(char.IsAsciiLetterUpper) || PhoneRegion.TryParse(country) is null)
        {
            problems.Add(new RecordProblem("contact.address.country", $"'{address.Country}' is not an ISO 3166-1 alpha-2 country code like US or GB"));
        }
    }

    /// <returns>True when the text is present and within its length.</returns>
    private static bool Text(List<RecordProblem> problems, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return false;
        }

        if (value.Length == 0)
        {
            problems.Add(new RecordProblem(field, "is empty; leave it out instead"));
            return false;
        }

        if (value.Length > maxLength)
        {
            problems.Add(new RecordProblem(field, $"is {value.Length} characters long; at most {maxLength}"));
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9 ./-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TaxIdPattern();
}
