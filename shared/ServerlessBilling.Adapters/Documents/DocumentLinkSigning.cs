namespace ServerlessBilling.Documents;

/// <summary>How document links are signed.</summary>
public enum DocumentLinkSigning
{
    /// <summary>With the storage account key: Azurite, or a connection string that carries the key.</summary>
    SharedKey,

    /// <summary>With a user delegation key obtained by the app's managed identity (Azure without account keys).</summary>
    UserDelegation,
}
