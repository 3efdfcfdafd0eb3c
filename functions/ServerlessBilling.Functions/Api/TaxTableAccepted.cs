namespace ServerlessBilling.Functions.Api;

/// <summary>A tax table taken into force: how many rules and jurisdictions it holds, and how many held closes it woke.</summary>
public sealed record TaxTableAccepted(string Name, int Rules, int Jurisdictions, int ClosesWoken);
