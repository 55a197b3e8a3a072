using System.Net;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

/// <summary>
/// Every endpoint the app maps, asked anonymously, is refused (redirect to sign-in, 401, or 400 for a form post
/// without its antiforgery token), except the short list that must open before sign-in.
/// </summary>
public class RouteScanTests
{
    /// <summary>What an anonymous visitor may reach: signing in, the health probes, and the error pages.</summary>
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET /Account/Login", "POST /Account/Login", "GET /Account/Lockout", "POST /Account/Lockout",
        "GET /Account/AccessDenied", "POST /Account/AccessDenied",
        "GET /health/live", "GET /health/ready", "GET /Error", "POST /Error", "GET /not-found", "POST /not-found",
    };

    /// <summary>Steps of signing in and out: open to anyone, and free to answer by sending the visitor to sign in.</summary>
    private static readonly HashSet<string> SignInFlow = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST /Account/Logout", "POST /Account/ExternalLogin", "GET /Account/ExternalLoginCallback",
    };

    [Fact]
    public async Task EveryEndpoint_RequestedAnonymously_IsRefused_ExceptSignInHealthAndErrors()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.Client();
        var ct = TestContext.Current.CancellationToken;

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var staticAssets = endpoints.Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null).ToList();
        var routes = endpoints.Except(staticAssets)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: Sample(e.RoutePattern.RawText!), Endpoint: e)))
            .DistinctBy(r => $"{r.Method} {r.Path}")
            .ToList();
        Assert.True(routes.Count >= 10, $"Only {routes.Count} routes found: the scan is not seeing the app.");
        Assert.Contains(routes, r => r.Path == "/admin/users");
        Assert.Contains(routes, r => r.Path.StartsWith("/_blazor", StringComparison.Ordinal));

        var failures = new List<string>();
        foreach (var (method, path, endpoint) in routes)
        {
            var key = $"{method} {path}";
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new FormUrlEncodedContent([]);
            using var response = await client.SendAsync(request, ct);
            var toSignIn = response.StatusCode is HttpStatusCode.Unauthorized
                || response.StatusCode is HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase);
            // A form post without its antiforgery token is refused before anything runs, open or not.
            var tokenRefused = response.StatusCode is HttpStatusCode.BadRequest && method == "POST";
            if ((int)response.StatusCode >= 500) failures.Add($"{key} failed with {(int)response.StatusCode}");
            if (SignInFlow.Contains(key)) continue;
            var open = Open.Contains(key);
            if (!open && !(toSignIn || tokenRefused)) failures.Add($"{key} answered {(int)response.StatusCode} to an anonymous request");
            if (open && toSignIn) failures.Add($"{key} should open before sign-in but sent the visitor to sign in");
            if (!open && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) failures.Add($"{key} is marked [AllowAnonymous]");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Static files open anonymously (the sign-in page needs its CSS); they must be only the app's assets.
        Assert.NotEmpty(staticAssets);
        var unexpected = staticAssets.Select(e => e.RoutePattern.RawText!)
            .Where(p => !Path.GetExtension(p.Split('?')[0]).ToLowerInvariant().Trim('.').ToString().EqualsAny("css", "js", "mjs", "map", "ico", "png", "svg", "woff", "woff2", "ttf", "json", "gz", "br", "txt", "wasm"))
            .ToList();
        Assert.True(unexpected.Count == 0, "Unexpected anonymous static assets: " + string.Join(", ", unexpected));
    }

    [Fact]
    public async Task UnknownUrls_Anonymously_GoToSignIn_NotA404ThatRevealsWhatExists()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.Client();
        using var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    /// <summary>A concrete URL for a route template: parameters get a harmless sample value.</summary>
    private static string Sample(string template)
    {
        var path = "/" + template.TrimStart('/');
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{\*{0,2}([^}:=?]+)[^}]*\}", m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            var n when n.Contains("id", StringComparison.Ordinal) => "00000000-0000-0000-0000-000000000001",
            _ => "sample",
        });
    }
}

internal static class StringChecks
{
    public static bool EqualsAny(this string value, params string[] candidates) => candidates.Contains(value, StringComparer.Ordinal);
}
