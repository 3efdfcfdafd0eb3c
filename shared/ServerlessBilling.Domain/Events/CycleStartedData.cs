namespace ServerlessBilling.Events;

/// <summary>Payload of <see cref="DomainEvent.CycleStarted"/>: the close of a period has begun and its usage is frozen.</summary>
public sealed record CycleStartedData(string AccountId, string PeriodStart, string InstanceId);
