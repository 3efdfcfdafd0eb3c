namespace ServerlessBilling.Cycles;

public enum CycleStartStatus
{
    Start,
    AlreadyStarted,
    Invalid,
}
