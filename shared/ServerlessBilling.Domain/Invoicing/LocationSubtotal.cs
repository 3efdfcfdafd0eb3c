namespace ServerlessBilling.Invoicing;

/// <summary>What one location of a consolidated invoice comes to (its lines, taxes included).</summary>
public sealed record LocationSubtotal(string? Location, Money Amount);
