namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Counts the requests Azurite served from its debug log (one "Operation=" line per request).</summary>
internal static class AzuriteRequestLog
{
    public static RequestCounts Count(string path)
    {
        long tables = 0, queues = 0, blobs = 0;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf("DispatchMiddleware: Operation=", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var operation = line.AsSpan(at + "DispatchMiddleware: Operation=".Length);
            if (operation.StartsWith("Table_"))
            {
                tables++;
            }
            else if (operation.StartsWith("Queue_") || operation.StartsWith("Messages_") || operation.StartsWith("MessageId_"))
            {
                queues++;
            }
            else
            {
                blobs++;
            }
        }

        return new RequestCounts(tables, queues, blobs);
    }
}
