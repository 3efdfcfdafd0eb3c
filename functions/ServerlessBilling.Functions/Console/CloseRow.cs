using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;

namespace ServerlessBilling.Functions.Console;

/// <summary>One close as the dashboard lists it.</summary>
/// <param name="Stage">The step the close is at (<see cref="ServerlessBilling.Functions.Cycles.CloseProgress.Stage"/>), or <c>failed</c>.</param>
/// <param name="Since">When the close started.</param>
/// <param name="Failure">Why a failed close failed, as the engine recorded it.</param>
/// <param name="Hold">What a close held for tax data is missing.</param>
public sealed record CloseRow(string AccountId, string PeriodStart, string Stage, DateTimeOffset Since, CloseFailure? Failure = null, TaxDataHold? Hold = null);
