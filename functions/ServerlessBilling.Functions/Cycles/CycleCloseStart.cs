namespace ServerlessBilling.Functions.Cycles;

/// <summary>The answer to a close request (202): the close's instance, whether this request started it, and where its status is read.</summary>
/// <param name="Started">False when the close was started before: starting twice does nothing.</param>
/// <param name="Status">The status route, as in <c>Location</c>.</param>
public sealed record CycleCloseStart(string InstanceId, bool Started, string Status);
