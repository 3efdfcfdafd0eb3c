using System.Net;
using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Every route parameter of every management route, given ids no storage key may hold, answers 400 naming the
/// parameter before anything is read or written; an id has one spelling in a URL.</summary>
[Collection(AzuriteCollection.Name)]
public class RouteIdTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    /// <summary>Ids as they go on the wire (percent-encoded where a client must encode).</summary>
    public static readonly TheoryData<string> InvalidIds =
    [
        "a%2Fc-a1",            // a slash: hosts leave %2F encoded, so the value still holds a '%'
        "a%252Fc-a1",          // the same, encoded twice: decoded once it reads a%2Fc-a1
        "a%23b",               // '#'
        "a%3Fb",               // '?'
        "a%5Cb",               // '\'
        "a%01b",               // a control character
        "a%C2%85b",            // a C1 control character (U+0085)
        "a%20b",               // a space
        "%C3%A9t%C3%A9",       // not ASCII
        "-dash",               // must start with a letter or digit
        new string('a', 2000), // longer than any key rule
        new string('7', 5000), // a 5,000-digit "number"
    ];

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task EveryRouteParameter_InvalidId_Is400NamingTheParameter(string invalid)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var checkedParameters = 0;
        foreach (var function in ManagementRoutes.All)
        {
            foreach (var parameter in ManagementRoutes.Parameters(function))
            {
                var values = ManagementRoutes.Parameters(function).ToDictionary(p => p, p => p == parameter ? invalid : ManagementRoutes.Valid(p, unique));
                var path = ManagementRoutes.Path(function, values);
                foreach (var method in function.Methods)
                {
                    var (status, problem, body) = await ManagementRoutes.SendAsync(host, method, path, method == "GET" ? null : "{}");

                    status.ShouldBe(HttpStatusCode.BadRequest, $"{method} {path[..Math.Min(path.Length, 120)]}: {body[..Math.Min(body.Length, 300)]}");
                    ManagementRoutes.ErrorFields(problem!.Value).ShouldContain(parameter, $"{method} {function.Route}");
                    checkedParameters++;
                }
            }
        }

        // Each parameter of each method of each route was asked once.
        checkedParameters.ShouldBe(ManagementRoutes.All.Sum(f => ManagementRoutes.Parameters(f).Count * f.Methods.Count));
    }

    [Fact]
    public async Task PutAccount_SlashEncodedOnceOrTwice_IsRefusedSoNeitherPathReachesAnother()
    {
        var plan = new PricePlan("one-path-plan", "One path", "USD", [new PlanVersion(new LocalDate(2025, 1, 1), 1m, 0m, [], new PerCallRounding())]);
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        var body = """{"name":"One Path","planId":"one-path-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""";
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var once = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/a%2Fc-{suffix}", body);
        var twice = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/a%252Fc-{suffix}", body);
        var plain = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/a-c-{suffix}", body);
        var read = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/a-c-{suffix}", null);

        (once.Status, twice.Status, plain.Status, read.Status).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK));
        ManagementRoutes.ErrorFields(once.Problem!.Value).ShouldBe(["accountId"]);
        ManagementRoutes.ErrorFields(twice.Problem!.Value).ShouldBe(["accountId"]);
        once.Problem!.Value.GetProperty("errors").GetProperty("accountId")[0].GetString().ShouldBe(
            "'a%2Fc-" + suffix + "' is not valid: 1 to 96 characters: a letter or digit, then letters, digits, '.', '_', ':' or '-'");
    }
}
