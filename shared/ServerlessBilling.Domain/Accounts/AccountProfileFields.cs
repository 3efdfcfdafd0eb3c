using System.Text.Json;

namespace ServerlessBilling.Accounts;

/// <summary>Which fields of an account's profile differ between two versions of it, by the names its JSON document uses.</summary>
/// <remarks>The fields are compared as the product's JSON writes them (<see cref="BillingJson"/>), so nested records holding lists
/// (tax certificates, exemptions) compare by content, not by reference. The id is the account's identity, and the payment profile
/// and suspension belong to collections, which a profile write keeps: none of them is ever named.</remarks>
public static class AccountProfileFields
{
    private static readonly HashSet<string> NotProfile = new(StringComparer.Ordinal) { "id", "payment", "suspendedAt" };

    /// <summary>The fields set or changed from <paramref name="before"/> to <paramref name="after"/>, in the document's order;
    /// every field <paramref name="after"/> sets when there was no account before.</summary>
    public static IReadOnlyList<string> Changed(Account? before, Account after)
    {
        var old = before is null ? [] : Fields(before);
        var now = Fields(after);
        var changed = now.Where(field => !old.TryGetValue(field.Key, out var was) || was != field.Value).Select(field => field.Key).ToList();
        changed.AddRange(old.Keys.Where(name => !now.ContainsKey(name))); // cleared
        return changed;
    }

    /// <summary>Each profile field the account sets (null ones are not written), with its JSON text.</summary>
    private static Dictionary<string, string> Fields(Account account)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in JsonSerializer.SerializeToElement(account, BillingJson.Options).EnumerateObject())
        {
            if (!NotProfile.Contains(property.Name))
            {
                fields[property.Name] = property.Value.GetRawText();
            }
        }

        return fields;
    }
}
