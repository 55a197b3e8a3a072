using Microsoft.AspNetCore.Authentication;

namespace CostSense.Web.Account.Entra;

/// <summary>A refused or broken answer from the provider ends on the sign-in page with a reason, not an error page.</summary>
public static class EntraRemoteFailure
{
    public static Task HandleAsync(RemoteFailureContext context)
    {
        var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraRemoteFailure));
        log.LogWarning(context.Failure, "{Provider} sign-in failed: {Reason}", EntraOptions.DisplayName, context.Failure?.Message);
        context.Response.Redirect(context.Request.PathBase + ExternalSignInError.LoginPath(ExternalSignInError.Failed));
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
