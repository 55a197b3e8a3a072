using Microsoft.AspNetCore.Diagnostics;

namespace CostSense.Web.Security;

/// <summary>
/// Browsers get the not-found page for GETs. A refused form post (a 400 for a missing antiforgery token) keeps its
/// status: re-running it through the pipeline would check the same bad token again and throw.
/// </summary>
public sealed class StatusPagesForReads(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            pages.Enabled = false;
        return next(context);
    }
}
