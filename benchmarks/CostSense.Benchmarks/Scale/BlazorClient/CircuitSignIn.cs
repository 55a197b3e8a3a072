using System.Net;
using System.Text.RegularExpressions;

namespace CostSense.Benchmarks.Scale.BlazorClient;

/// <summary>
/// A cookie jar that sends what the server set, Secure cookies included (the app's are Secure, and a loopback address
/// is a secure context to a browser; .NET's CookieContainer would hold them back over http), and the sign-in through
/// the app's real form: its antiforgery token and handler name read from the page, then posted as a browser would.
/// </summary>
public sealed partial class CircuitSignIn
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>The Cookie header for the cookies held.</summary>
    public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    public static HttpClient NewHttpClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<CircuitSignIn> SignInAsync(HttpClient http, string email, string password, CancellationToken ct)
    {
        var jar = new CircuitSignIn();
        var page = await jar.GetAsync(http, "/Account/Login", ct);
        var form = FormPattern().Match(page);
        if (!form.Success) throw new InvalidOperationException("The sign-in page has no sign-in form.");
        var fields = InputPattern().Matches(form.Value)
            .Select(input => (Name: AttributeOf(input.Value, "name"), Value: AttributeOf(input.Value, "value"), Type: AttributeOf(input.Value, "type")))
            .Where(f => f.Name is not null && f.Type == "hidden")
            .Select(f => new KeyValuePair<string, string>(f.Name!, WebUtility.HtmlDecode(f.Value ?? "")))
            .Append(new("Input.Email", email))
            .Append(new("Input.Password", password))
            .ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        using var response = await jar.SendAsync(http, post, ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("/Account/", StringComparison.OrdinalIgnoreCase) == true)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode} to {response.Headers.Location}: {Regex.Replace(body, "<[^>]+>", " ")[..Math.Min(body.Length, 300)]}");
        }
        return jar;
    }

    /// <summary>A page's HTML with the cookies held; a redirect (to sign-in) is an error.</summary>
    public async Task<string> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(http, request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}.");
        return await response.Content.ReadAsStringAsync(ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", Header);
        var response = await http.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=');
                if (equals <= 0) continue;
                var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        return response;
    }

    private static string? AttributeOf(string tag, string attribute) =>
        Regex.Match(tag, $"\\s{attribute}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("""<form[^>]*data-testid="login-form"[\s\S]*?</form>""")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();
}
