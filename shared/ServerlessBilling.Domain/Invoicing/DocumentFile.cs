namespace ServerlessBilling.Invoicing;

/// <summary>An open stored file: read <paramref name="Content"/> once, then dispose it.</summary>
public sealed record DocumentFile(Stream Content, long Length, string ContentType, string FileName) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
