using ServerlessBilling.Usage;

namespace ServerlessBilling;

/// <summary>Why an operation did not do what was asked: an expected outcome its caller must handle, never a bug (bugs throw).</summary>
/// <remarks>
/// <para>A problem carries what a person needs and nothing a host needs: <see cref="Kind"/> says which family it belongs
/// to, <see cref="Title"/> says what happened in one sentence, and for <see cref="ProblemKind.Invalid"/>,
/// <see cref="Fields"/> names each field at fault and why. The HTTP edge turns it into problem details (RFC 9457) in
/// one place; a queue or a command line reads the same values.</para>
/// <para>Problems are created on the failure path only, so building one may allocate freely.</para>
/// </remarks>
public sealed class Problem
{
    private Problem(ProblemKind kind, string title, IReadOnlyList<RecordProblem> fields, string? detail = null)
    {
        Kind = kind;
        Title = title;
        Fields = fields;
        Detail = detail;
    }

    public ProblemKind Kind { get; }

    /// <summary>One sentence for a person: <c>Invoice 'inv-7' of account 'acct-1' was not found</c>.</summary>
    public string Title { get; }

    /// <summary>For <see cref="ProblemKind.Invalid"/>: each field at fault and why, in the order found; empty for other kinds.</summary>
    public IReadOnlyList<RecordProblem> Fields { get; }

    /// <summary>What about this occurrence went wrong, beyond the title (RFC 9457 <c>detail</c>); null when the title says it all.</summary>
    public string? Detail { get; }

    /// <summary>The input is malformed or breaks a rule; <paramref name="fields"/> names each field and why.</summary>
    public static Problem Invalid(string title, IReadOnlyList<RecordProblem> fields) => new(ProblemKind.Invalid, title, fields);

    public static Problem Invalid(string title, RecordProblem field) => new(ProblemKind.Invalid, title, [field]);

    /// <summary>Nothing exists under the name given; <paramref name="what"/> names it (<c>Account 'acct-1'</c>) and the title reads "... was not found".</summary>
    public static Problem NotFound(string what) => new(ProblemKind.NotFound, $"{what} was not found", []);

    /// <summary>The request is well formed but contradicts the state it would change.</summary>
    public static Problem Conflict(string title) => new(ProblemKind.Conflict, title, []);

    /// <summary>The request was made against a version of the resource that is no longer the stored one (an <c>If-Match</c> that does not match); nothing was changed.</summary>
    public static Problem Stale(string title) => new(ProblemKind.Stale, title, []);

    /// <summary>The caller could not be authenticated (a signature that does not verify); nothing was done.</summary>
    public static Problem Unauthorized(string title) => new(ProblemKind.Unauthorized, title, []);

    /// <summary>The caller was authenticated, but what it asked for is outside what its key may do; nothing was done.</summary>
    public static Problem Forbidden(string title) => new(ProblemKind.Forbidden, title, []);

    /// <summary>The input is larger than the operation accepts.</summary>
    public static Problem TooLarge(string title) => new(ProblemKind.TooLarge, title, []);

    /// <summary>A body over <paramref name="limitBytes"/>: "The body is larger than N bytes".</summary>
    public static Problem TooLarge(long limitBytes) => TooLarge($"The body is larger than {limitBytes} bytes");

    /// <summary>The same problem under another title, e.g. to say which document a field problem was found in.</summary>
    public Problem WithTitle(string title) => new(Kind, title, Fields, Detail);

    /// <summary>The same problem with <paramref name="detail"/> saying what about this occurrence went wrong.</summary>
    public Problem WithDetail(string detail) => new(Kind, Title, Fields, detail);

    public override string ToString() =>
        (Fields.Count == 0 ? $"{Kind}: {Title}" : $"{Kind}: {Title} ({string.Join("; ", Fields)})") + (Detail is null ? "" : $": {Detail}");
}
