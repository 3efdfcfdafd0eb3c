using System.Security.Cryptography;
using System.Text;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>The table keys of an <see cref="EventIdentity"/>: its parts kept apart, so no id can spell another identity's key.</summary>
/// <remarks>
/// <para>Row key: the event id escaped by <see cref="TableKeys.Escape"/> with <c>|</c> escaped too (<c>%7C</c>), then <c>|</c>, then
/// the component (<c>vapi-9a1c|telephony</c>). The escaped id holds no <c>|</c>, so the first one ends it: the event
/// <c>comp-w1</c>'s telephony leg (<c>comp-w1|telephony</c>) and a call whose own id is <c>comp-w1-telephony</c>
/// (<c>comp-w1-telephony|aivoice</c>) are different keys, as are any two different (id, component) pairs.</para>
/// <para>Identity partition: one of <see cref="Buckets"/> buckets, the first hex digit of the SHA-256 of the event id. Any delivery
/// finds it from the id alone (no account, no time); a call's components share a bucket, so they claim in one entity group
/// transaction; sixteen partitions spread writes (each takes about 2,000 a second) while a 100-event message still batches into at
/// most sixteen transactions. The bucket count is part of the key: changing it means copying the table.</para>
/// </remarks>
public static class EventIdentityKeys
{
    public const int Buckets = 16;

    public static string Partition(EventIdentity identity) => Bucket(identity).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bucket, 0 to 15: the first hex digit of the SHA-256 of the event id (the partition key spells it).</summary>
    public static int Bucket(EventIdentity identity) => HashByte(identity) >> 4;

    /// <summary>The first byte of the SHA-256 of the event id, whose first 4 bits are the bucket.</summary>
    public static int HashByte(EventIdentity identity) => SHA256.HashData(Encoding.UTF8.GetBytes(identity.EventId))[0];

    public static string Row(EventIdentity identity) =>
        TableKeys.Escape(identity.EventId).Replace("|", "%7C", StringComparison.Ordinal) + "|" + identity.Component.ToString().ToLowerInvariant();
}
