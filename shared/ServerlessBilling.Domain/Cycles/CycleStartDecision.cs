using ServerlessBilling.Usage;

namespace ServerlessBilling.Cycles;

public sealed record CycleStartDecision(CycleStartStatus Status, RecordProblem? Problem = null)
{
    public static readonly CycleStartDecision Start = new(CycleStartStatus.Start);
    public static readonly CycleStartDecision AlreadyStarted = new(CycleStartStatus.AlreadyStarted);

    public static CycleStartDecision Invalid(RecordProblem problem) => new(CycleStartStatus.Invalid, problem);
}
