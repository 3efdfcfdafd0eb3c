namespace ServerlessBilling.Usage;

/// <summary>One payload as the raw archive keeps it.</summary>
/// <param name="ArchivedAs">Where it is archived: what <see cref="IRawArchive.ArchiveAsync"/> returned for it.</param>
/// <param name="Name">The readable name it was archived with.</param>
/// <param name="ContentType">The media type it was received with.</param>
/// <param name="Content">The bytes exactly as received.</param>
public sealed record ArchivedPayload(string ArchivedAs, string Name, string ContentType, ReadOnlyMemory<byte> Content);
