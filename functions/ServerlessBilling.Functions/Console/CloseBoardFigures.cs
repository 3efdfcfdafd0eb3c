namespace ServerlessBilling.Functions.Console;

/// <summary>The closes the dashboard shows: running ones (held for tax data apart) and the ones that failed lately.</summary>
/// <param name="Capped">True when a list reached <see cref="CloseBoard.MaxRows"/>: there may be more.</param>
public sealed record CloseBoardFigures(IReadOnlyList<CloseRow> InProgress, IReadOnlyList<CloseRow> Held, IReadOnlyList<CloseRow> Failed, bool Capped);
