namespace ServerlessBilling.Rating;

/// <summary>A recurring add-on: <see cref="Quantity"/> × <see cref="MonthlyPrice"/> each period.</summary>
public sealed record AddOn(string Code, string Description, decimal Quantity, decimal MonthlyPrice);
