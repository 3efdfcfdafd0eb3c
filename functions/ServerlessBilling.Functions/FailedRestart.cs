namespace ServerlessBilling.Functions;

/// <summary>What <see cref="DurableStarts.RestartFailedAsync"/> did.</summary>
public enum FailedRestart
{
    /// <summary>The failed instance was replaced by a new run under its id.</summary>
    Restarted,

    /// <summary>No instance has the id.</summary>
    NotFound,

    /// <summary>The instance has not failed (it is running, completed, or another retry started it first): nothing was started.</summary>
    NotFailed,
}
