using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Registers every orchestrator and activity of <see cref="FunctionCatalog"/> with the Durable Task worker, each calling the
/// function method itself, with its parameters bound as the Functions host binds them.</summary>
public static class DurableFunctions
{
    public static DurableTaskRegistry AddFunctionTasks(this DurableTaskRegistry tasks)
    {
        foreach (var orchestrator in FunctionCatalog.Orchestrators)
        {
            var task = new FunctionOrchestrator(orchestrator);
            tasks.AddOrchestrator(orchestrator.Name, () => task);
        }

        foreach (var activity in FunctionCatalog.Activities)
        {
            var binders = activity.Method.GetParameters().Select(parameter => Binder(activity, parameter)).ToArray();
            tasks.AddActivity(activity.Name, services => new FunctionActivity(activity, binders, services));
        }

        return tasks;
    }

    /// <summary>How one parameter of an activity is bound; throws for one the local host cannot bind, so the host does not start.</summary>
    private static Func<IServiceProvider, object?, object?> Binder(DurableFunction activity, ParameterInfo parameter) => parameter switch
    {
        _ when parameter.IsDefined(typeof(ActivityTriggerAttribute)) => (_, input) => input,
        // The Functions host passes no cancellation to activities either.
        _ when parameter.ParameterType == typeof(CancellationToken) => (_, _) => CancellationToken.None,
        _ when parameter.ParameterType == typeof(DurableTaskClient) => (services, _) => services.GetRequiredService<DurableTaskClient>(),
        _ => throw new InvalidOperationException(
            $"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of activity {activity.Name}."),
    };

    /// <summary>What a task function returned: the result of its task, or, for a synchronous one (an activity that returns
    /// <c>void</c> or a value, as the Functions host allows), the value itself.</summary>
    private static Task<object?> ResultOf(object? returned) => returned is Task task ? ResultOfTask(task) : Task.FromResult(returned);

    private static async Task<object?> ResultOfTask(Task task)
    {
        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private sealed class FunctionOrchestrator(DurableFunction function) : ITaskOrchestrator
    {
        public Type InputType => function.Input?.ParameterType ?? typeof(object);

        public Type OutputType => function.OutputType;

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
        {
            object?[] arguments = function.Input is null ? [context] : [context, input];
            return ResultOf(function.Method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null));
        }
    }

    private sealed class FunctionActivity(DurableFunction function, Func<IServiceProvider, object?, object?>[] binders, IServiceProvider services)
        : ITaskActivity
    {
        public Type InputType => function.Input?.ParameterType ?? typeof(object);

        public Type OutputType => function.OutputType;

        public Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var target = function.Method.IsStatic ? null : services.GetRequiredService(function.Method.DeclaringType!);
            var arguments = binders.Select(bind => bind(services, input)).ToArray();
            return ResultOf(function.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null));
        }
    }
}
