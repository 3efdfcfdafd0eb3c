using ServerlessBilling.Pdf;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>Who is looking at a console page: the session, its form token, and the reseller's branding every page carries.</summary>
/// <param name="ViaEntra">Signed in by the platform (Entra ID): signing out goes through the platform's own sign-out.</param>
public sealed record ConsoleView(ConsoleSession Session, string FormToken, InvoiceBranding Branding, bool HasLogo, bool ViaEntra)
{
    /// <summary>A hidden field carrying the form token, for every form that changes something.</summary>
    public string FormField => $"""<input type="hidden" name="csrf" value="{Portal.Html.Encode(FormToken)}">""";
}
