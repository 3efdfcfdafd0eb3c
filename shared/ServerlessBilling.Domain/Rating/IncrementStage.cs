namespace ServerlessBilling.Rating;

/// <summary>From <see cref="AfterSeconds"/> of billed call time on, time is rounded up in steps of <see cref="NextSeconds"/>,
/// replacing the increment's next step: "30 s steps for the first minute, then 10 s steps" is increment 30/30 with a stage (60, 10).</summary>
/// <param name="AfterSeconds">Billed seconds from which the stage's steps apply (to steps that start there or later).</param>
/// <param name="NextSeconds">Length of each step in the stage.</param>
public sealed record IncrementStage(int AfterSeconds, int NextSeconds);
