namespace ServerlessBilling.Usage.Cdr;

/// <summary>One version of a dropped file: its name, the ETag that identifies this upload, and its metadata.</summary>
public sealed record CdrDrop(string Name, string ETag, IReadOnlyDictionary<string, string> Metadata);
