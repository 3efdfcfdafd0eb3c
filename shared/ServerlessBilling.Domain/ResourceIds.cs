using ServerlessBilling.Usage;

namespace ServerlessBilling;

/// <summary>Checks the ids a request names against their <see cref="IdRule"/>s before anything is read or written under them.</summary>
public static class ResourceIds
{
    /// <summary>One id a request names: its field (the route parameter or JSON property) and the rule it must follow.</summary>
    public readonly record struct Named(string Field, string? Value, IdRule Rule);

    /// <summary>Every field whose id breaks its rule, in the order given; empty when all are valid.</summary>
    public static IReadOnlyList<RecordProblem> Check(params ReadOnlySpan<Named> ids)
    {
        List<RecordProblem>? problems = null;
        foreach (var id in ids)
        {
            if (id.Rule.Check(id.Field, id.Value) is { } problem)
            {
                (problems ??= []).Add(problem);
            }
        }

        return problems ?? (IReadOnlyList<RecordProblem>)[];
    }

    /// <summary>The refusal of a request naming an invalid id (<see cref="ProblemKind.Invalid"/>, each field named); null when every id is valid.</summary>
    public static Problem? Validate(params ReadOnlySpan<Named> ids)
    {
        var problems = Check(ids);
        return problems.Count == 0 ? null : Problem.Invalid("The request names an id that is not valid", problems);
    }
}
