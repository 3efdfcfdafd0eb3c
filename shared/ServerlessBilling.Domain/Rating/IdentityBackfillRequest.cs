using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>One call of a resumable <see cref="IdentityBackfill"/>: where to go on from, and how many ledger pages to read at most.</summary>
/// <param name="ContinuationToken">The cursor the previous call answered (<see cref="IdentityBackfillSummary.ContinuationToken"/>), or
/// null to start at the first row.</param>
/// <param name="Pages">Ledger pages of <see cref="IdentityBackfill.PageSize"/> rows to read in this call (1 to <see cref="MaxPages"/>).</param>
/// <param name="AccountId">Only this account's rows (every period), to backfill one migrated account or check it alone; null for the whole
/// ledger. A cursor goes on within the scope it was answered for, so the next call names the same account.</param>
public sealed record IdentityBackfillRequest(string? ContinuationToken = null, int Pages = IdentityBackfillRequest.DefaultPages, string? AccountId = null)
{
    /// <summary>Pages a call reads unless told: 10,000 rows, well inside an HTTP call's time.</summary>
    public const int DefaultPages = 10;

    /// <summary>The most pages one call may read (100,000 rows).</summary>
    public const int MaxPages = 100;

    private static readonly string[] Fields = ["continuationToken", "pages", "accountId"];

    /// <summary>Reads the request body: empty, or a JSON object with only <c>continuationToken</c> (a cursor this route answered),
    /// <c>pages</c> and <c>accountId</c>; anything else is invalid naming the field.</summary>
    public static Outcome<IdentityBackfillRequest> Read(ReadOnlySpan<byte> body) => Read(body, "The identity backfill request is not valid");

    /// <summary>Reads a body of the same fields for another ledger backfill (<see cref="SourceIndexBackfillRequest"/>), its problem so titled.</summary>
    internal static Outcome<IdentityBackfillRequest> Read(ReadOnlySpan<byte> body, string title)
    {
        if (body.IsEmpty)
        {
            return new IdentityBackfillRequest();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return Problem.Invalid(title, new RecordProblem("$", e.Message));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problem.Invalid(title, new RecordProblem("$", "must be a JSON object"));
            }

            var problems = new List<RecordProblem>();
            var request = new IdentityBackfillRequest();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "continuationToken" when property.Value.ValueKind == JsonValueKind.Null:
                        break;
                    case "continuationToken" when property.Value.ValueKind == JsonValueKind.String && Decode(property.Value.GetString()!) is not null:
                        request = request with { ContinuationToken = property.Value.GetString() };
                        break;
                    case "continuationToken":
                        problems.Add(new RecordProblem("continuationToken", "must be a cursor this route answered, or null"));
                        break;
                    case "pages" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var pages) && pages is >= 1 and <= MaxPages:
                        request = request with { Pages = pages };
                        break;
                    case "pages":
                        problems.Add(new RecordProblem("pages", $"must be a whole number from 1 to {MaxPages}"));
                        break;
                    case "accountId" when property.Value.ValueKind == JsonValueKind.Null:
                        break;
                    case "accountId" when property.Value.ValueKind == JsonValueKind.String && IdRule.AccountId.Check("accountId", property.Value.GetString()) is null:
                        request = request with { AccountId = property.Value.GetString() };
                        break;
                    case "accountId":
                        problems.Add(IdRule.AccountId.Check("accountId", property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null)
                            ?? new RecordProblem("accountId", "must be an account id or null"));
                        break;
                    default:
                        problems.Add(new RecordProblem(property.Name, $"is not a field of this request (fields: {string.Join(", ", Fields)})"));
                        break;
                }
            }

            return problems.Count == 0 ? request : Problem.Invalid(title, [.. problems]);
        }
    }

    /// <summary>The cursor a caller passes back: the ledger's token, base64url-encoded so it travels as one opaque JSON string.</summary>
    public static string? Encode(string? ledgerToken) =>
        ledgerToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ledgerToken));

    /// <summary>The ledger's token a cursor carries (null for none); a cursor is checked when the request is read.</summary>
    internal static string? LedgerToken(string? cursor) =>
        cursor is null ? null : Decode(cursor) ?? throw new ArgumentException("Not a cursor this route gave", nameof(cursor));

    private static string? Decode(string cursor)
    {
        if (cursor.Length is 0 or > 4096 || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (ArgumentException)
        {
            return null; // not UTF-8: never a cursor this route gave
        }
    }
}
