using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Access;
using ServerlessBilling.Pdf;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Console;

/// <summary>The check in front of every console page: a live session from the cookie (or, where the platform's Entra ID sign-in is on,
/// from its principal header), and for a form that changes something, the session's form token and a role that may write.</summary>
/// <remarks>An Entra ID user the console turns away is a warning naming them; their name is usually their email address, so it
/// is logged as one (masked).</remarks>
public sealed partial class ConsoleGate(ConsoleAccess access, BootstrapKey bootstrap, ConsoleMessages messages, InvoiceBranding branding, BrandingLogo logo, ILogger<ConsoleGate> logger)
{
    /// <summary>The view of a page that only reads.</summary>
    public ConsoleAdmission Admit(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (access.EntraSignIn)
        {
            if (EntraPrincipal.Read(request) is not { } principal)
            {
                return new ConsoleAdmission(null, ConsolePage.SeeOther(EntraPrincipal.SignInPath));
            }

            var signedIn = access.SignInAsEntraUser(principal.Name, principal.Roles);
            if (signedIn.TryGetValue(out var user))
            {
                return new ConsoleAdmission(ViewOf(user, viaEntra: true), null);
            }

            LogRefused(logger, principal.Name, signedIn.Problem!.Title);
            return new ConsoleAdmission(null, messages.NoConsoleRole());
        }

        return access.Authenticate(ConsoleCookie.Read(request)) is { } session
            ? new ConsoleAdmission(ViewOf(session, viaEntra: false), null)
            : new ConsoleAdmission(null, messages.SignIn(StatusCodes.Status401Unauthorized).WithSession(request, null, TimeSpan.Zero));
    }

    /// <summary>The view of a form post: a session, the form token it carries, and, when <paramref name="writes"/>, an admin session.</summary>
    public async Task<ConsoleAdmission> AdmitFormAsync(HttpRequest request, bool writes, CancellationToken cancellationToken)
    {
        var admission = Admit(request);
        if (admission.View is not { } view)
        {
            return admission;
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        if (!access.IsFormToken(view.Session, form?["csrf"].FirstOrDefault()))
        {
            return new ConsoleAdmission(null, messages.FormExpired());
        }

        return writes && !view.Session.CanWrite ? new ConsoleAdmission(null, messages.ReadOnly()) : admission;
    }

    /// <summary>Signs in with the key the form posted: the bootstrap key (the function key) as admin, or an admin or read-only API key.</summary>
    public async Task<Outcome<ConsoleSession>> SignInAsync(string? key, CancellationToken cancellationToken) =>
        bootstrap.Matches(key?.Trim())
            ? access.Open(ConsoleRole.Admin, ConsoleAccess.BootstrapCaller)
            : await access.SignInWithKeyAsync(key, cancellationToken);

    public string Sign(ConsoleSession session) => access.Sign(session);

    public bool EntraSignIn => access.EntraSignIn;

    private ConsoleView ViewOf(ConsoleSession session, bool viaEntra) =>
        new(session, access.FormToken(session), branding, logo.Png is not null, viaEntra);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console refused Entra ID user {User}: {Reason}")]
    private static partial void LogRefused(ILogger logger, [EmailAddress] string user, string reason);
}
