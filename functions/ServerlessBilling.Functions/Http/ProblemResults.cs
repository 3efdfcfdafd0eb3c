using Microsoft.AspNetCore.Http;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The one mapping from domain outcomes to HTTP: a value to the response the route chose, a <see cref="Problem"/> to
/// RFC 9457 problem details with the status and <c>type</c> URI its kind stands for.</summary>
public static class ProblemResults
{
    public static ProblemType InvalidFieldType { get; } = new("invalid-field", StatusCodes.Status400BadRequest, "Invalid field",
        "The request is malformed or breaks a rule; errors names each field (as a JSON path) and why.");

    public static ProblemType NotFoundType { get; } = new("not-found", StatusCodes.Status404NotFound, "Not found",
        "Nothing exists under the name the route gives.");

    public static ProblemType ConflictType { get; } = new("conflict", StatusCodes.Status409Conflict, "Conflict",
        "The request is well formed but contradicts the stored state (a number another account holds, an invoice already paid).");

    public static ProblemType PreconditionFailedType { get; } = new("precondition-failed", StatusCodes.Status412PreconditionFailed, "Precondition failed",
        "If-Match names a version that is no longer the stored one; nothing was changed: read again and retry.");

    public static ProblemType TooLargeType { get; } = new("too-large", StatusCodes.Status413PayloadTooLarge, "Too large",
        "The body, or the document it would be stored as, is larger than the operation accepts.");

    public static ProblemType UnauthorizedType { get; } = new("unauthorized", StatusCodes.Status401Unauthorized, "Unauthorized",
        "No key, an unknown or revoked API key, a wrong function key, or a webhook whose signature does not verify.");

    public static ProblemType ForbiddenType { get; } = new("forbidden", StatusCodes.Status403Forbidden, "Forbidden",
        "The API key is valid but its scope does not reach this route: a read-only key writing, a customer key outside its account.");

    public static ProblemType UnsupportedVersionType { get; } = new("unsupported-version", StatusCodes.Status400BadRequest, "Unsupported API version",
        "The Api-Version header names a version this deployment does not serve; the detail lists those it does.");

    /// <summary>Every error kind the API answers with, in the order the reference lists them.</summary>
    public static IReadOnlyList<ProblemType> Types { get; } =
        [InvalidFieldType, UnauthorizedType, ForbiddenType, NotFoundType, ConflictType, PreconditionFailedType, TooLargeType, UnsupportedVersionType];

    /// <summary>The type a domain <see cref="ProblemKind"/> is answered with.</summary>
    public static ProblemType TypeOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => InvalidFieldType,
        ProblemKind.NotFound => NotFoundType,
        ProblemKind.Conflict => ConflictType,
        ProblemKind.Unauthorized => UnauthorizedType,
        ProblemKind.Forbidden => ForbiddenType,
        ProblemKind.TooLarge => TooLargeType,
        ProblemKind.Stale => PreconditionFailedType,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A problem kind without a type"),
    };

    /// <summary>Problem details for <paramref name="problem"/>: <see cref="ProblemKind.Invalid"/> lists each field's reasons under <c>errors</c>.</summary>
    public static IResult From(Problem problem) => problem.Kind switch
    {
        ProblemKind.Invalid => Results.ValidationProblem(
            problem.Fields.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()),
            detail: problem.Detail,
            title: problem.Title,
            type: InvalidFieldType.Uri),
        _ => Of(TypeOf(problem.Kind), problem.Title, problem.Detail),
    };

    /// <summary>Problem details of <paramref name="type"/>, with its status and URI.</summary>
    public static IResult Of(ProblemType type, string title, string? detail = null) =>
        Results.Problem(title: title, detail: detail, statusCode: type.Status, type: type.Uri);

    /// <summary>The response for <paramref name="outcome"/>: <paramref name="success"/> of its value, or its problem's details.</summary>
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> success) =>
        outcome.Succeeded ? success(outcome.Value) : From(outcome.Problem);

    public static IResult Invalid(string title, IReadOnlyList<RecordProblem> problems) => From(Problem.Invalid(title, problems));

    public static IResult Invalid(string title, RecordProblem problem) => From(Problem.Invalid(title, problem));

    public static IResult NotFound(string what) => From(Problem.NotFound(what));

    public static IResult TooLarge(long limit) => From(Problem.TooLarge(limit));
}
