namespace ServerlessBilling.Payments;

/// <summary>Where the gateway's hosted page sends the customer back: after they finished, and when they gave up.</summary>
public sealed record HostedPageReturn(Uri Completed, Uri Cancelled);
