namespace ServerlessBilling.Usage.Cdr;

/// <summary>Where a rating message's events came from: lines <see cref="FirstLine"/> to <see cref="LastLine"/> of one CDR file version.</summary>
/// <remarks>A read resumed after a crash starts its next batch after the last checkpoint, so a batch queued again has the same lines and key.</remarks>
public sealed record CdrBatch(string File, string ETag, long FirstLine, long LastLine);
