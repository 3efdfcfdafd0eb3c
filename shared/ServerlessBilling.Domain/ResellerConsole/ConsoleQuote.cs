using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.ResellerConsole;

/// <summary>A quote as the console shows it: the plan, the zone, the quote engine's answer (one account's invoice before tax, its
/// upstream cost and margin, and the book for many accounts), and where the sample came from.</summary>
/// <param name="UnreadableLines">Sample lines that could not be read (each would be a problem in the CDR drop too).</param>
/// <param name="Typical">True when the sample is the typical profile (<see cref="TypicalUsage"/>), false when it was uploaded.</param>
public sealed record ConsoleQuote(QuoteRequest Request, PricePlan Plan, DateTimeZone Zone, PlanQuote Quote, int UnreadableLines, bool Typical);
