using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The view a portal page renders, or the page to answer instead.</summary>
public sealed record Admission(PortalView? View, IResult? Refusal);
