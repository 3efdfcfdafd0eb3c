using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The input of <see cref="CloseCycleOrchestration"/>: the account and period, and which sequence of activities the close runs.</summary>
/// <param name="Steps">The activity sequence the instance was started with. A replay that schedules other activities than its history
/// recorded fails as non-deterministic, so a close finishes on the sequence it began with: absent in closes started before the two-activity
/// close was deployed (four activities, <see cref="CloseCycleFourSteps"/>), <see cref="TwoActivities"/> in closes started before the
/// one-activity close. Same JSON shape as <see cref="CycleRequest"/> plus this field.</param>
public sealed record CloseCycleInput(string AccountId, string PeriodStart, int? Steps = null)
{
    /// <summary>Draft, number, issue and start the collection in one activity; staged from where it stopped when held or failing.</summary>
    public const int OneActivity = 1;

    /// <summary>Draft and number in one activity, issue and start the collection in the other.</summary>
    public const int TwoActivities = 2;

    public CycleRequest Cycle => new(AccountId, PeriodStart);

    /// <summary>A close started now (or a failed one started again from an empty history) runs the current sequence.</summary>
    public static CloseCycleInput Current(CycleRequest cycle) => new(cycle.AccountId, cycle.PeriodStart, OneActivity);

    public static CloseCycleInput Current(CloseCycleInput input) => input with { Steps = OneActivity };
}
