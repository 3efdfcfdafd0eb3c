using Azure.Storage.Blobs;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Documents;

/// <summary>Where each document file lives in <c>invoices</c>, as <see cref="BlobInvoiceStore"/> and <see cref="BlobCreditNoteStore"/> write them.</summary>
internal static class DocumentBlobs
{
    public static string Name(DocumentAddress address) => address.CreditNote
        ? $"{address.AccountId}/credit-notes/{address.DocumentId}.{address.Extension}"
        : $"{address.AccountId}/{address.DocumentId}.{address.Extension}";

    public static BlobClient Blob(BlobServiceClient blobs, DocumentAddress address) =>
        blobs.GetBlobContainerClient(StorageNames.InvoicesContainer).GetBlobClient(Name(address));
}
