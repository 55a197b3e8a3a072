namespace CostSense.Core.Imports.Blobs;

/// <summary>
/// The export container cannot be read, said so a user can act on it: which account and container, what went wrong
/// (unreachable, refused, not there) and what to check. The Azure SDK's exception is kept as the inner exception
/// for the log, never shown.
/// </summary>
public sealed class ExportContainerException(string account, string container, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The storage account's name, or its URL when it has no name.</summary>
    public string Account { get; } = account;

    /// <summary>The container's name.</summary>
    public string Container { get; } = container;
}
