namespace ServerlessBilling.Tax;

/// <param name="Base">End-user interstate + international telecom revenue of the quarter's invoices, net of its credit notes.</param>
/// <param name="EffectiveRate">Billed ÷ base, to 6 places; null without a base.</param>
/// <param name="CreditNotes">Credit notes issued in the quarter and netted in it.</param>
public sealed record UsfQuarter(string Quarter, string Currency, int Invoices, decimal Base, decimal Billed, decimal? EffectiveRate, int CreditNotes = 0);
