using System.Net;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace CostSense.Core.Imports.Blobs;

/// <summary>Turns the Azure SDK's failures into <see cref="ExportContainerException"/>s that say what to check.</summary>
public static class BlobErrors
{
    /// <summary>Whether <paramref name="e"/> is a storage, sign-in or network failure (not a cancellation or a bug).</summary>
    public static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or AuthenticationFailedException or CredentialUnavailableException or HttpRequestException
        || (e is AggregateException a && a.InnerExceptions.All(IsStorageFailure));

    /// <summary>The user-facing failure of <paramref name="action"/> on <paramref name="container"/>.</summary>
    public static ExportContainerException Describe(BlobContainerClient container, Exception e, string action)
    {
        var account = string.IsNullOrEmpty(container.AccountName) ? container.Uri.GetLeftPart(UriPartial.Authority) : container.AccountName;
        var where = $"storage account '{account}' ({container.Uri.GetLeftPart(UriPartial.Authority)}), container '{container.Name}'";
        var message = e switch
        {
            AuthenticationFailedException or CredentialUnavailableException =>
                $"Could not sign in to {where} to {action}: no Azure credential worked. Give the app a managed identity, or sign in with 'az login', or use a connection string instead.",
            RequestFailedException { Status: (int)HttpStatusCode.Forbidden } r =>
                $"Access to {where} was refused when trying to {action} ({r.ErrorCode ?? "403"}). Check the account key or SAS in the connection string (and its expiry and permissions: read and list), or that the signed-in identity has the 'Storage Blob Data Reader' role on the container.",
            RequestFailedException { ErrorCode: "ContainerNotFound" } =>
                $"The container '{container.Name}' does not exist in storage account '{account}'. Check the container name against the export's destination in Cost Management.",
            RequestFailedException { ErrorCode: "BlobNotFound" } or RequestFailedException { Status: (int)HttpStatusCode.NotFound } =>
                $"Could not {action} in {where}: it is not there (removed since it was listed, or the folder setting is wrong).",
            RequestFailedException { Status: 0 } or HttpRequestException or AggregateException =>
                $"Could not reach {where} to {action}. Check the account name or URL, that the machine can reach it (network, firewall, private endpoint) and that the account exists.",
            RequestFailedException r =>
                $"Storage account '{account}' refused to {action} in container '{container.Name}': {r.Status} {r.ErrorCode}.",
            _ => $"Could not {action} in {where}.",
        };
        return new ExportContainerException(account, container.Name, message, e);
    }
}
