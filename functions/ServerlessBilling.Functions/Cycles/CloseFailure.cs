using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Why a close failed, as the durable engine recorded it: the step it had reached and the error that ended it.</summary>
/// <param name="Stage">The close's step when it failed (<see cref="CloseProgress.Stage"/>), or <c>starting</c> before the first.</param>
/// <param name="Reason">The message of the error that ended it: the failing step's own error, not the engine's wrapper
/// (<c>Task 'IssueInvoice' (#1) failed with an unhandled exception: ...</c>) around it.</param>
/// <param name="ErrorType">The type of that error, e.g. <c>System.IO.IOException</c>; empty when the engine kept only the text.</param>
/// <remarks>The Functions host answers an instance's failure as structured details. The Azure Storage provider keeps a failure only as
/// the instance's output, and the local host's engine answers that output without details, so the output is read when the details are
/// missing: as the details' JSON, or as the engine's text <c>{type}: {message}</c>.</remarks>
public sealed record CloseFailure(string Stage, string Reason, string ErrorType)
{
    private const string Wrapper = "failed with an unhandled exception: ";

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
        if (instance.FailureDetails is { } details)
        {
            while (details.InnerFailure is { } inner)
            {
                details = inner;
            }

            return new CloseFailure(stage, Unwrapped(details.ErrorMessage), details.ErrorType);
        }

        return FromOutput(stage, instance.SerializedOutput);
    }

    public override string ToString() => $"At {Stage}: {Reason}" + (ErrorType.Length == 0 ? "" : $" ({ErrorType})");

    private static CloseFailure FromOutput(string stage, string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return new CloseFailure(stage, "no reason recorded", "");
        }

        var text = output;
        try
        {
            using var json = JsonDocument.Parse(output);
            if (json.RootElement.ValueKind == JsonValueKind.String)
            {
                text = json.RootElement.GetString() ?? "";
            }
            else if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                var details = json.RootElement;
                while (Property(details, "InnerFailure") is { ValueKind: JsonValueKind.Object } inner)
                {
                    details = inner;
                }

                return new CloseFailure(stage, Unwrapped(Property(details, "ErrorMessage")?.GetString() ?? ""), Property(details, "ErrorType")?.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not JSON: the engine's text, read below.
        }

        return new CloseFailure(stage, Unwrapped(text), "");
    }

    /// <summary>The failing step's message without the engine's <c>Task '...' (#n) failed with an unhandled exception:</c> around it.</summary>
    private static string Unwrapped(string message)
    {
        var at = message.LastIndexOf(Wrapper, StringComparison.Ordinal);
        return (at < 0 ? message : message[(at + Wrapper.Length)..]).Trim();
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
