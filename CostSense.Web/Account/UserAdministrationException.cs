namespace CostSense.Web.Account;

/// <summary>A user change that cannot be made, with the reason in words for the page.</summary>
public sealed class UserAdministrationException(string message) : Exception(message);
