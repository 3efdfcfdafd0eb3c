namespace ServerlessBilling;

/// <summary>The families of <see cref="Problem"/>; each maps to one HTTP status at the edge.</summary>
public enum ProblemKind
{
    /// <summary>Malformed input or a broken rule, with the fields at fault (400).</summary>
    Invalid,

    /// <summary>The thing named does not exist (404).</summary>
    NotFound,

    /// <summary>The request contradicts the current state (409).</summary>
    Conflict,

    /// <summary>The caller could not be authenticated (401).</summary>
    Unauthorized,

    /// <summary>The caller is known but its key's scope does not reach what it asked for (403).</summary>
    Forbidden,

    /// <summary>The input is larger than accepted (413).</summary>
    TooLarge,

    /// <summary>The change was made against a version that is no longer current (412).</summary>
    Stale,
}
