namespace ServerlessBilling.Tax.Avalara;

/// <summary>The seller as <c>CalcTaxes</c> describes it (its <c>cmpn</c> object).</summary>
/// <param name="Facilities">True when the seller delivers the service over facilities it owns (<c>fclt</c>); a reseller of another
/// carrier's VoIP is not facilities-based.</param>
/// <param name="Regulated">True when the seller is regulated (<c>reg</c>).</param>
/// <param name="Identifier">An optional company id for the service's reports (<c>idnt</c>, up to 20 characters).</param>
/// <remarks>The business class is always "not an incumbent local exchange carrier" and the service class "primary local": a
/// reseller of interconnected VoIP numbers is neither an ILEC nor a long-distance carrier.</remarks>
public sealed record AfcCompany(bool Facilities, bool Regulated, string? Identifier);
