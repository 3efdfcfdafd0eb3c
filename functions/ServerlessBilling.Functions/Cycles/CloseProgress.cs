using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The custom status of <see cref="CloseCycleOrchestration"/>: the step it is at, the invoice's tax notices so far,
/// and while it waits for tax data, what is missing.</summary>
/// <param name="Stage"><c>closing</c> (the one activity that drafts, numbers, issues and starts the collection), <c>drafting</c>,
/// <c>awaitingTaxData</c>, <c>numbering</c>, <c>rendering</c>, <c>collecting</c> or <c>finalized</c>.</param>
public sealed record CloseProgress(string Stage, IReadOnlyList<TaxNotice> TaxNotices, TaxDataHold? AwaitingTaxData = null)
{
    public const string Drafting = "drafting";

    /// <summary>The whole close in one activity: the orchestration cannot tell its steps apart until the activity returns.</summary>
    public const string Closing = "closing";

    public static CloseProgress At(string stage, InvoiceSummary? draft = null) => new(stage, draft?.TaxNotices ?? []);

    /// <summary>The status an instance shows; closes started before notices were reported kept a plain stage name.</summary>
    public static CloseProgress? Of(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is not { Length: > 0 } serialized ? null
        : serialized.TrimStart().StartsWith('{') ? instance.ReadCustomStatusAs<CloseProgress>()
        : new CloseProgress(instance.ReadCustomStatusAs<string>() ?? "", []);
}
