namespace CostSense.Web.Account.Entra;

/// <summary>Identity refused a change the link needed (an e-mail it will not take as a user name, say).</summary>
public sealed class ExternalLinkException(string message) : Exception(message);
