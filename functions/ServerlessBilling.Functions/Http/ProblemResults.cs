using Microsoft.AspNetCore.Http;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The one mapping from domain problems to RFC 9457 problem details.</summary>
public static class ProblemResults
{
    public static IResult Invalid(string title, IReadOnlyList<RecordProblem> problems) =>
        Results.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()),
            title: title);

    public static IResult Invalid(string title, RecordProblem problem) => Invalid(title, [problem]);

    public static IResult NotFound(string what) => Results.Problem(title: $"{what} was not found", statusCode: StatusCodes.Status404NotFound);

    public static IResult TooLarge(long limit) =>
        Results.Problem(title: $"The body is larger than {limit} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
}
