using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Portal;

/// <summary>One component's billable minutes on one day (account's zone).</summary>
public sealed record UsageDay(LocalDate Day, UsageComponent Component, decimal Minutes);
