using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.Functions.Portal;

/// <summary>What portal pages load besides themselves, served by this app (no CDN): the stylesheet in the reseller's colour, and the logo.</summary>
public sealed class PortalAssets(InvoiceBranding branding, BrandingLogo logo)
{
    [ApiOperation("Portal", "Customer portal: stylesheet and logo",
        Description = "`portal.css` (in the reseller's accent colour) or `logo.png` (the branding logo; 404 when none is set). Anonymous: the pages that say a link failed use them too.",
        Files = ["text/css", "image/png"],
        Problems = [ProblemKind.NotFound])]
    [Function("GetPortalAsset")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/assets/{name}")] HttpRequest request,
        string name)
    {
        IResult result = name switch
        {
            "portal.css" => Results.Text(PortalStyles.Css(branding.AccentColor), "text/css; charset=utf-8"),
            "logo.png" when logo.Png is { } png => Results.Bytes(png, "image/png"),
            _ => ProblemResults.NotFound($"The portal asset '{name}'"),
        };
        return Task.FromResult<IResult>(new SecuredResult(result));
    }
}
