using System.Text.Json.Serialization;

namespace ServerlessBilling.Access;

/// <summary>What an API key may do. A key has exactly one scope, chosen when it is issued and never changed (issue another key instead).</summary>
public enum ApiKeyScope
{
    /// <summary>Every management route, including issuing and revoking keys.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>Every route that only reads (GET and HEAD); every write is refused with 403.</summary>
    [JsonStringEnumMemberName("read_only")]
    ReadOnly,

    /// <summary>One account and its locations (the accounts whose parent it is): routes that name one of them in <c>{accountId}</c>,
    /// for reading and for the few writes a customer makes itself; every other route is refused with 403.</summary>
    [JsonStringEnumMemberName("customer")]
    Customer,
}
