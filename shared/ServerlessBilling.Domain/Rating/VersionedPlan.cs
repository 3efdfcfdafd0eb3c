namespace ServerlessBilling.Rating;

/// <summary>A plan and the version it was read or written at; the HTTP edge shows the version as the <c>ETag</c>.</summary>
/// <param name="Version">Opaque; equal versions mean the same stored plan. Safe inside a quoted HTTP entity tag.</param>
public sealed record VersionedPlan(PricePlan Plan, string Version);
