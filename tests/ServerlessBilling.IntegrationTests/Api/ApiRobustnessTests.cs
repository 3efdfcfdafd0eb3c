using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Generated ids, paths and bodies (long, encoded, reserved characters, huge) thrown at every management route through
/// the local host: never a 5xx, every refusal is problem details naming its field, and a refused write leaves nothing behind.</summary>
[Collection(AzuriteCollection.Name)]
public class ApiRobustnessTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    /// <summary>Bodies no route accepts: malformed, the wrong shape, huge, deeply nested, absurd fields.</summary>
    private static readonly string[] RefusedBodies =
    [
        "",
        "{",
        "null",
        "[]",
        "\"text\"",
        "{\"name\":5,\"billing\":\"UTC\"}",
        "{\"from\":\"2026-13-45\",\"until\":\"yesterday\"}",
        "{\"name\":\"" + new string('n', 1024 * 1024) + "\"}",
        "{\"name\":\"" + new string('n', 100_000) + "\",\"planId\":\"p\",\"billing\":{\"timeZone\":\"UTC\",\"billCycleDay\":1,\"currency\":\"USD\"}}",
        new string('[', 5000) + new string(']', 5000),
        "{\"amount\":1e400,\"key\":\"k\",\"method\":\"cheque\"}",
        "{\"key\":\"" + new string('k', 100_000) + "\",\"amount\":1,\"method\":\"cheque\"}",
        "{\"paymentMethodId\":\"" + new string('p', 100_000) + "\"}",
        "{\"planId\":\"a/b#c\",\"name\":\"x\",\"billing\":{\"timeZone\":\"Mars/Base\",\"billCycleDay\":99,\"currency\":\"XXX\"}}",
    ];

    [Fact]
    public async Task EveryWritingRoute_RefusedBodies_AreProblemsAndWriteNothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        foreach (var function in ManagementRoutes.All.Where(f => f.Methods.Any(m => m is "PUT" or "POST")))
        {
            var values = ManagementRoutes.Parameters(function).ToDictionary(p => p, p => ManagementRoutes.Valid(p, unique));
            var path = ManagementRoutes.Path(function, values);
            // An object with no rules is an (empty) tax table document, which is accepted; so tax tables get only the non-objects.
            foreach (var body in RefusedBodies.Where(b => function.Name != "PutTaxTable" || !b.StartsWith('{')))
            {
                var (status, problem, text) = await ManagementRoutes.SendAsync(host, function.Methods[0], path, body);

                ShouldBeNamedRefusal(function, status, problem, text);
            }
        }

        // Nothing was stored under any id the refused writes named.
        foreach (var read in new[] { $"api/accounts/robust-{unique}", $"api/plans/robust-plan-{unique}", $"api/tax-tables/robust-{unique}" })
        {
            (await ManagementRoutes.SendAsync(host, "GET", read, null)).Status.ShouldBe(HttpStatusCode.NotFound, read);
        }
    }

    [Fact]
    public async Task EveryRoute_GeneratedIdsAndBodies_NeverA5xxAndEveryRefusalNamesItsField()
    {
        var routes = ManagementRoutes.All;
        var gen =
            from route in Gen.Int[0, routes.Count - 1]
            from ids in Gen.Select(IdKind, IdSeed).Array[4]
            from body in BodyGen
            select (route, ids, body);

        await gen.SampleAsync(async sample =>
        {
            var (routeIndex, ids, body) = sample;
            var function = routes[routeIndex];
            var unique = Guid.NewGuid().ToString("N")[..10];
            var parameters = ManagementRoutes.Parameters(function);
            var values = parameters.Select((p, i) => (p, Value: IdOf(ids[i].Item1, ids[i].Item2, p, unique, function))).ToDictionary(v => v.p, v => v.Value);
            var path = ManagementRoutes.Path(function, values);
            var method = function.Methods[0];

            var (status, problem, text) = await ManagementRoutes.SendAsync(host, method, path, method == "GET" ? null : body);

            ((int)status).ShouldBeLessThan(500, $"{method} {path}: {text}");
            if ((int)status >= 400)
            {
                ShouldBeNamedRefusal(function, status, problem, text);
            }

            if (method == "PUT" && (int)status >= 400 && function.Route is "accounts/{accountId}" or "plans/{planId}")
            {
                // A refused write leaves the id as it was: here, never stored.
                (await ManagementRoutes.SendAsync(host, "GET", path, null)).Status.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
            }
        }, iter: 1000, threads: 1, print: s => $"{routes[s.route].Name} ids={string.Join(",", s.ids)} body={s.body[..Math.Min(s.body.Length, 80)]}");
    }

    /// <summary>Which kind of id goes in a parameter: valid and fresh, or one of the ways an id can be wrong.</summary>
    private static readonly Gen<int> IdKind = Gen.Int[0, 7];

    private static readonly Gen<string> IdSeed = Gen.String[Gen.Char["aZ09._:-_/\\#?% é\u0001\u0085+"], 1, 40];

    private static readonly Gen<string> BodyGen = Gen.OneOf(
        Gen.OneOf(RefusedBodies),
        Gen.String[0, 200],
        Gen.String[Gen.Char["{}[]\":,0123456789.e-+ntrufalsn\\"], 0, 300],
        Gen.Int[1, 300_000].Select(n => "{\"name\":\"" + new string('x', n) + "\"}"));

    /// <summary>The value for one route parameter; never a bare <c>.</c> or <c>..</c>, which URL normalization removes, so they name no id but another path.</summary>
    private static string IdOf(int kind, string seed, string parameter, string unique, HttpFunction function) =>
        Value(kind, seed, parameter, unique, function) is "." or ".." ? "x." : Value(kind, seed, parameter, unique, function);

    private static string Value(int kind, string seed, string parameter, string unique, HttpFunction function) => kind switch
    {
        // Valid ids only where a valid request cannot change data other tests rely on.
        0 when !(function.Route == "periods/{date}/rerate" || function.Name == "PutTaxTable") => ManagementRoutes.Valid(parameter, unique),
        1 => Uri.EscapeDataString(seed),
        2 => Uri.EscapeDataString(Uri.EscapeDataString(seed)),
        // Long, but three of them stay within the 8 KiB request line Kestrel (like any front end) accepts.
        3 => Uri.EscapeDataString(seed + new string('x', 1200)),
        4 => new string('9', 2000),
        5 => "a%2F" + Uri.EscapeDataString(seed),
        6 => "%E2%80%AE" + Uri.EscapeDataString(seed),
        _ => "x" + string.Concat(Encoding.UTF8.GetBytes(seed).Select(b => $"%{b:X2}")),
    };

    /// <summary>A refusal is problem details; a 400 names each field under <c>errors</c>, other statuses in the title.</summary>
    private static void ShouldBeNamedRefusal(HttpFunction function, HttpStatusCode status, JsonElement? problem, string text)
    {
        var context = $"{function.Name} {(int)status}: {text[..Math.Min(text.Length, 300)]}";
        ((int)status).ShouldBeLessThan(500, context);
        if ((int)status < 400)
        {
            return;
        }

        problem.ShouldNotBeNull(context);
        problem.Value.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace(context);
        if (status == HttpStatusCode.BadRequest)
        {
            ManagementRoutes.ErrorFields(problem.Value).ShouldNotBeEmpty(context);
        }
    }
}
