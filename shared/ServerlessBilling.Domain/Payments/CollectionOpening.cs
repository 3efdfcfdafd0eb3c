namespace ServerlessBilling.Payments;

/// <summary>A receivable opened by the close that issued its invoice, and the collection's first step when the close took it.</summary>
/// <param name="State">The state the receivable was opened with.</param>
/// <param name="FirstStep">The dunning step taken already (a request for a payment method); null when the collection decides its first step itself.</param>
public sealed record CollectionOpening(CollectionState State, DunningStep? FirstStep);
