using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Pdf;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Invoicing;

/// <summary>Invoicing: the invoice and credit note stores, gapless numbering, the PDF with the reseller's branding, adjustments and credit notes.</summary>
public static class InvoicingRegistration
{
    public static IServiceCollection AddInvoicing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<InvoicesSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<InvoicesSettings>().ToOptions());
        services.AddSingleton<IInvoiceNumbers, TableInvoiceNumbers>();
        services.AddSingleton<ICreditNoteNumbers, TableCreditNoteNumbers>();

        // Every stored invoice also records its taxes in the tax ledger, which the tax reports read.
        services.AddSingleton<BlobInvoiceStore>();
        services.AddSingleton<IInvoiceStore>(provider =>
            new TaxLedgerInvoiceStore(provider.GetRequiredService<BlobInvoiceStore>(), provider.GetRequiredService<ITaxLedger>()));
        services.AddSingleton<ICreditNoteStore, BlobCreditNoteStore>();

        services.AddSettings<BrandingSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<BrandingSettings>().ToBranding());
        services.AddSingleton(provider =>
        {
            var branding = provider.Settings<BrandingSettings>();
            return BrandingLogo.FromSettings(branding.LogoBase64, branding.LogoBlob, provider.GetRequiredService<BlobServiceClient>());
        });
        services.AddSettings<InvoicingSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<InvoicingSettings>().ToSeller());
        services.AddSingleton<InvoicePdfRenderer>();
        services.AddSingleton<IInvoiceRenderer>(provider => provider.GetRequiredService<InvoicePdfRenderer>());
        services.AddSingleton<ICreditNoteRenderer>(provider => provider.GetRequiredService<InvoicePdfRenderer>());

        services.AddSingleton<IPendingAdjustments, TablePendingAdjustments>();
        services.AddSingleton<AdjustmentBilling>();
        services.AddSingleton<CreditNoteIssuing>();
        services.AddSingleton<ClosedPeriodRerating>();
        services.AddSingleton<ClosedPeriodReplacement>();
        return services;
    }
}
