namespace ServerlessBilling.ResellerConsole;

/// <summary>Draws a quote as the proposal a customer is handed: the customer's copy, so it shows prices and never cost or margin.</summary>
public interface IProposalRenderer
{
    byte[] RenderProposal(ConsoleQuote quote);
}
