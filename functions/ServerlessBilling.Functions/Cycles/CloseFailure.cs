using Microsoft.DurableTask.Client;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Why a close failed, as the durable engine recorded it: the step it had reached and the error that ended it.</summary>
/// <param name="Stage">The close's step when it failed (<see cref="CloseProgress.Stage"/>), or <c>starting</c> before the first.</param>
/// <param name="Reason">The message of the error that ended it: the failing step's own error, not the engine's wrapper
/// (<c>Task 'FinalizeInvoice' (#2) failed with an unhandled exception: ...</c>) around it.</param>
/// <param name="ErrorType">The type of that error, e.g. <c>System.IO.IOException</c>.</param>
public sealed record CloseFailure(string Stage, string Reason, string ErrorType)
{
    /// <summary>The failure of a failed instance (read with its inputs and outputs, which carry the failure and the step); null
    /// for an instance that has not failed.</summary>
    public static CloseFailure? Of(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return null;
        }

        var stage = CloseProgress.Of(instance)?.Stage is { Length: > 0 } reached ? reached : "starting";
        if (instance.FailureDetails is not { } details)
        {
            return new CloseFailure(stage, "no reason recorded", "");
        }

        var innermost = details;
        while (innermost.InnerFailure is { } inner)
        {
            innermost = inner;
        }

        return new CloseFailure(stage, innermost.ErrorMessage, innermost.ErrorType);
    }

    public override string ToString() => $"At {Stage}: {Reason}" + (ErrorType.Length == 0 ? "" : $" ({ErrorType})");
}
