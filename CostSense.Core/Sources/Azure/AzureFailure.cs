using System.Net.Sockets;
using Azure;
using Azure.Identity;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// A failed Azure call in words an analyst can act on: which credential or role is missing on which scope, when a throttled
/// call may run again, or that Azure could not be reached. Never a secret: messages come from Azure and Entra, which do not
/// echo one, and are cut to a length a page can show.
/// </summary>
public static class AzureFailure
{
    /// <summary>The role a step's identity needs on its scope.</summary>
    public static string RoleFor(AzureSyncStep step) => step switch
    {
        AzureSyncStep.Costs => "Cost Management Reader",
        AzureSyncStep.Metrics => "Monitoring Reader",
        _ => "Reader",
    };

    /// <summary>What went wrong when <paramref name="step"/> read <paramref name="scope"/>, and what to do about it.</summary>
    public static string Describe(Exception e, AzureSyncStep step, string scope) => Describe(e, step.ToString().ToLowerInvariant(), RoleFor(step), scope);

    /// <summary>As the step overload, for any read (<paramref name="what"/>: "the subscription list") needing <paramref name="role"/>.</summary>
    public static string Describe(Exception e, string what, string role, string scope)
    {
        // Azure.Core's retries give up with an AggregateException of each try's failure: the last one says why.
        while (e is AggregateException { InnerExceptions.Count: > 0 } many) e = many.InnerExceptions[^1];
        var text = e switch
        {
            AzureThrottledException t => $"Azure is throttling {t.What} (429 Too Many Requests). CostSense stopped asking and will retry at {t.RetryAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the data read before stays.",
            AuthenticationFailedException or CredentialUnavailableException =>
                $"Signing in to Azure failed before reading {what}: {Short(e.Message)} Check CostSense:Azure:TenantId, ClientId and ClientSecret (an expired secret is the usual cause), or the managed identity or 'az login' when no secret is set.",
            RequestFailedException { Status: 401 } r =>
                $"Azure refused the credential (401{Code(r)}) reading {what} on {scope}: the service principal's secret is wrong or expired, or the token is for another tenant. Renew the secret in CostSense:Azure:ClientSecret, or check CostSense:Azure:TenantId.",
            RequestFailedException { Status: 403 } r =>
                $"Azure denied reading {what} on {scope} (403{Code(r)}): the identity needs the {role} role on that scope. Grant it in the portal (Access control (IAM) → Add role assignment) and sync again.",
            RequestFailedException { Status: 404 } r =>
                $"Azure does not know {scope} (404{Code(r)}) reading {what}: check the subscription or management group id in CostSense:Azure, and that the identity can see it.",
            RequestFailedException { Status: 429 } r =>
                $"Azure is throttling {what} on {scope} (429{Code(r)}); the data read before stays and the next sync tries again.",
            RequestFailedException { Status: 0 } or HttpRequestException or SocketException or IOException =>
                $"Azure could not be reached reading {what} on {scope}: {Short(Innermost(e).Message)} Check this server's network, proxy and DNS to Azure.",
            RequestFailedException r =>
                $"Azure answered {r.Status}{Code(r)} reading {what} on {scope}: {Short(FirstLine(r.Message))}",
            TimeoutException or TaskCanceledException =>
                $"Azure did not answer in time reading {what} on {scope}; the next sync tries again.",
            _ => $"Reading {what} on {scope} failed: {Short(e.Message)}",
        };
        return text;
    }

    private static string Code(RequestFailedException r) => string.IsNullOrEmpty(r.ErrorCode) ? "" : $" {r.ErrorCode}";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();

    private static string Short(string s)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        if (!s.EndsWith('.')) s += ".";
        return s.Length <= 400 ? s : s[..397] + "…";
    }
}
