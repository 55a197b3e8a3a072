using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace CostSense.Tests.Account;

/// <summary>
/// Plays the browser between the app and the fake authority: posts the sign-in page's external-login form,
/// follows the challenge to the authority, carries its answer back to the app, and follows the app's redirects.
/// </summary>
public sealed partial class EntraBrowser(HttpClient app, EntraFakeAuthority authority) : IDisposable
{
    private readonly HttpClient _authority = new(authority.CreateHandler());

    public HttpClient App => app;

    public async Task<string> GetStringAsync(string path) => await app.GetStringAsync(path, Ct);

    /// <summary>Presses "Sign in with Microsoft Entra ID" on the sign-in page; returns the app's answer (the challenge).</summary>
    public async Task<HttpResponseMessage> PressEntraButtonAsync(string? returnUrl = null, bool withAntiforgery = true)
    {
        var page = await GetStringAsync("/Account/Login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var form = new Dictionary<string, string> { ["provider"] = "Entra", ["ReturnUrl"] = returnUrl ?? "" };
        if (withAntiforgery) form["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await app.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(form), Ct);
    }

    /// <summary>The whole round trip for <paramref name="user"/>; returns the app's last answer (where it sends the browser).</summary>
    public async Task<HttpResponseMessage> SignInAsync(EntraTestUser? user, string? returnUrl = null)
    {
        var challenge = await PressEntraButtonAsync(returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        authority.NextUser = user;
        var answer = await _authority.GetAsync(challenge.Headers.Location, Ct);
        var landed = await DeliverAsync(answer);
        // The OpenID Connect handler sends the browser on to the callback (or to the sign-in page on failure).
        while (landed.StatusCode == HttpStatusCode.Redirect && landed.Headers.Location!.ToString().Contains("/Account/ExternalLoginCallback", StringComparison.Ordinal))
            landed = await app.GetAsync(landed.Headers.Location, Ct);
        return landed;
    }

    /// <summary>The authority's answer reaches the app as Entra sends it: a form post, or a redirect with the query.</summary>
    private async Task<HttpResponseMessage> DeliverAsync(HttpResponseMessage answer)
    {
        if (answer.StatusCode == HttpStatusCode.Redirect) return await app.GetAsync(answer.Headers.Location, Ct);
        var html = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.IsSuccessStatusCode, $"The authority refused: {(int)answer.StatusCode} {html}");
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return await app.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    public static string AntiforgeryToken(string html)
    {
        var input = AntiforgeryInput().Match(html);
        Assert.True(input.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
    }

    public static IDictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryOf(Uri? location) =>
        QueryHelpers.ParseQuery(location!.Query);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\" />")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex AntiforgeryInput();

    public void Dispose()
    {
        _authority.Dispose();
        app.Dispose();
    }
}
