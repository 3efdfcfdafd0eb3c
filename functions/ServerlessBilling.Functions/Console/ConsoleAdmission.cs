namespace ServerlessBilling.Functions.Console;

/// <summary>The view a console page renders, or the page to answer instead.</summary>
public sealed record ConsoleAdmission(ConsoleView? View, ConsolePage? Refusal);
