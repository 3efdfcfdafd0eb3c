using System.Diagnostics.CodeAnalysis;

namespace ServerlessBilling;

/// <summary>What an operation with expected failures returns: its value, or the <see cref="ServerlessBilling.Problem"/> that stopped it.</summary>
/// <typeparam name="T">The value on success; it may itself be nullable where "nothing" is a success (a callback with nothing billable).</typeparam>
/// <remarks>
/// <para>A readonly struct, so success allocates nothing beyond the value: rating and CDR parsing return one per call.
/// Domain code returns a value or a problem and lets the implicit conversions build the outcome
/// (<c>return charge;</c>, <c>return Problem.NotFound(...)</c>).</para>
/// <para><c>default(Outcome&lt;T&gt;)</c> is neither: <see cref="Succeeded"/> is false, <see cref="Problem"/> is null and
/// <see cref="Value"/> throws. Always return a value or a problem.</para>
/// </remarks>
public readonly struct Outcome<T>
{
    private readonly T? value;

    private Outcome(T value, Problem? problem, bool succeeded)
    {
        this.value = value;
        Problem = problem;
        Succeeded = succeeded;
    }

    /// <summary>True when the operation produced <see cref="Value"/>.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded { get; }

    /// <summary>Why the operation did not succeed; null on success.</summary>
    public Problem? Problem { get; }

    /// <summary>The value; reading it from a failed outcome is a bug and throws.</summary>
    public T Value => Succeeded ? value! : throw new InvalidOperationException($"The outcome failed and has no value: {Problem?.ToString() ?? "default"}.");

    public static Outcome<T> Success(T value) => new(value, null, true);

    public static Outcome<T> Failure(Problem problem) => new(default!, problem ?? throw new ArgumentNullException(nameof(problem)), false);

    public static implicit operator Outcome<T>(T value) => Success(value);

    public static implicit operator Outcome<T>(Problem problem) => Failure(problem);

    /// <summary>The value when the outcome succeeded.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T result)
    {
        result = value;
        return Succeeded;
    }

    /// <summary>The same problem, or the value turned into another.</summary>
    public Outcome<TResult> Map<TResult>(Func<T, TResult> map) =>
        Succeeded ? Outcome<TResult>.Success(map(value!)) : Outcome<TResult>.Failure(Problem);

    /// <summary>Reads the outcome as a value or a problem, e.g. <c>outcome.Match(ok => 200, problem => 400)</c>.</summary>
    public TResult Match<TResult>(Func<T, TResult> success, Func<Problem, TResult> failure) =>
        Succeeded ? success(value!) : failure(Problem);

    public override string ToString() => Succeeded ? $"Success({value})" : $"Failure({Problem?.ToString() ?? "default"})";
}
