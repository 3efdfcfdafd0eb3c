using Microsoft.AspNetCore.Http;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The one mapping from domain outcomes to HTTP: a value to the response the route chose, a <see cref="Problem"/> to
/// RFC 9457 problem details with the status its kind stands for.</summary>
public static class ProblemResults
{
    /// <summary>Problem details for <paramref name="problem"/>: <see cref="ProblemKind.Invalid"/> lists each field's reasons under <c>errors</c>.</summary>
    public static IResult From(Problem problem) => problem.Kind switch
    {
        ProblemKind.Invalid => Results.ValidationProblem(
            problem.Fields.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()),
            detail: problem.Detail,
            title: problem.Title),
        _ => Results.Problem(title: problem.Title, detail: problem.Detail, statusCode: StatusOf(problem.Kind)),
    };

    /// <summary>The response for <paramref name="outcome"/>: <paramref name="success"/> of its value, or its problem's details.</summary>
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> success) =>
        outcome.Succeeded ? success(outcome.Value) : From(outcome.Problem);

    public static IResult Invalid(string title, IReadOnlyList<RecordProblem> problems) => From(Problem.Invalid(title, problems));

    public static IResult Invalid(string title, RecordProblem problem) => From(Problem.Invalid(title, problem));

    public static IResult NotFound(string what) => From(Problem.NotFound(what));

    public static IResult TooLarge(long limit) => From(Problem.TooLarge(limit));

    private static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ProblemKind.Stale => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status400BadRequest,
    };
}
