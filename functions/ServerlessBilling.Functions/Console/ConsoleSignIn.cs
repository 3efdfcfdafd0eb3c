using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Console;

/// <summary>Signing in to the reseller console with an API key, and out again. Where the platform's Entra ID sign-in is on, the
/// form is not offered: the platform signs people in, and the console reads who they are.</summary>
public sealed class ConsoleSignIn(ConsoleGate gate, ConsoleMessages messages, IClock clock)
{
    [ApiOperation("Console", "Reseller console: the sign-in form", Files = ["text/html"],
        Description = "A form asking for an admin or read-only API key; where Entra ID sign-in is on, a redirect to the platform's sign-in.")]
    [Function("GetConsoleSignIn")]
    public Task<IResult> Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/sign-in")] HttpRequest request) =>
        Task.FromResult<IResult>(gate.EntraSignIn ? ConsolePage.SeeOther(EntraPrincipal.SignInPath) : messages.SignIn());

    [ApiOperation("Console", "Reseller console: sign in with a key", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = "Posts `key`: an admin or read-only API key (or the function key, as admin). A good key sets the HttpOnly, SameSite=Strict session cookie and answers 303 to the dashboard; any other key answers the form again (401), saying nothing about which keys exist. A post from another origin is refused (403).")]
    [Function("ConsoleSignIn")]
    public async Task<IResult> SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-in")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (gate.EntraSignIn)
        {
            return ConsolePage.SeeOther(EntraPrincipal.SignInPath);
        }

        // No session exists yet to derive a form token from; a cross-site post is told apart by what the browser says of it:
        // Sec-Fetch-Site where it sends that, else the Origin (which is "null" under this app's no-referrer policy, so not refused).
        var site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        var origin = request.Headers.Origin.FirstOrDefault();
        var crossSite = site is not null
            ? site is not ("same-origin" or "none")
            : origin is not null && origin != "null" && origin != $"{request.Scheme}://{request.Host}";
        if (crossSite)
        {
            return messages.FormExpired();
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var signedIn = await gate.SignInAsync(form?["key"].FirstOrDefault(), cancellationToken);
        if (!signedIn.TryGetValue(out var session))
        {
            return messages.SignIn(StatusCodes.Status401Unauthorized, "That key does not open the console. Use an admin or read-only API key.");
        }

        var lifetime = (session.ExpiresAt - clock.GetCurrentInstant()).ToTimeSpan();
        return ConsolePage.SeeOther(ConsoleLayout.Root).WithSession(request, gate.Sign(session), lifetime);
    }

    [ApiOperation("Console", "Reseller console: sign out", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = "A form post carrying the session's form token (`csrf`); without it the session is kept and the answer is 403.")]
    [Function("ConsoleSignOut")]
    public async Task<IResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-out")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: false, cancellationToken);
        return admission.View is null ? admission.Refusal! : messages.SignedOut().WithSession(request, null, TimeSpan.Zero);
    }
}
