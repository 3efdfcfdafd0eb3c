using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests;

public class OutcomeTests
{
    [Fact]
    public void Success_FromAValue_HoldsItAndNoProblem()
    {
        Outcome<string> outcome = "invoice";

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.ShouldBe("invoice");
        outcome.Problem.ShouldBeNull();
    }

    [Fact]
    public void Success_OfNull_IsASuccessWhereNothingIsTheAnswer()
    {
        var outcome = Outcome<string?>.Success(null);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.ShouldBeNull();
    }

    [Fact]
    public void Failure_FromAProblem_HoldsItAndItsValueThrows()
    {
        Outcome<int> outcome = Problem.NotFound("Account 'acme'");

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem!.Kind.ShouldBe(ProblemKind.NotFound);
        outcome.Problem.Title.ShouldBe("Account 'acme' was not found");
        Should.Throw<InvalidOperationException>(() => outcome.Value).Message.ShouldContain("Account 'acme' was not found");
        outcome.TryGetValue(out _).ShouldBeFalse();
    }

    [Fact]
    public void Default_IsNeitherSuccessNorProblem_AndItsValueThrows()
    {
        var outcome = default(Outcome<int>);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => outcome.Value);
    }

    [Fact]
    public void Map_KeepsTheProblem_OrTurnsTheValue()
    {
        Outcome<int> two = 2;
        Outcome<int> missing = Problem.NotFound("Plan 'p'");

        two.Map(n => n * 21).Value.ShouldBe(42);
        missing.Map(n => n * 21).Problem!.Title.ShouldBe("Plan 'p' was not found");
        two.Match(n => $"ok {n}", p => p.Title).ShouldBe("ok 2");
    }

    [Fact]
    public void Invalid_NamesEachFieldInOrder_AndWithTitleKeepsThem()
    {
        var problem = Problem.Invalid("Plan 'p' is not valid", [new RecordProblem("id", "is required"), new RecordProblem("currency", "unknown")]);

        var retitled = problem.WithTitle("No plan");

        (retitled.Kind, retitled.Title).ShouldBe((ProblemKind.Invalid, "No plan"));
        retitled.Fields.Select(f => f.Field).ShouldBe(["id", "currency"]);
        problem.ToString().ShouldBe("Invalid: Plan 'p' is not valid (id: is required; currency: unknown)");
    }

    [Fact]
    public void WithDetail_KeepsKindTitleAndFields_AndSaysTheDetail()
    {
        var problem = Problem.Conflict("The period cannot be re-rated");

        var detailed = problem.WithDetail("periodStart: the close is running").WithTitle("No re-rating");

        (detailed.Kind, detailed.Title, detailed.Detail).ShouldBe((ProblemKind.Conflict, "No re-rating", "periodStart: the close is running"));
        problem.Detail.ShouldBeNull();
        detailed.ToString().ShouldBe("Conflict: No re-rating: periodStart: the close is running");
    }

    [Fact]
    public void TooLarge_OfALimit_SaysTheLimitInBytes() =>
        Problem.TooLarge(65536).Title.ShouldBe("The body is larger than 65536 bytes");

    [Fact]
    public void Failure_WithoutAProblem_IsABug() =>
        Should.Throw<ArgumentNullException>(() => Outcome<int>.Failure(null!));
}
