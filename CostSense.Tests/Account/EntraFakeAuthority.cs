using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CostSense.Tests.Account;

/// <summary>Who signs in at the fake authority's authorize endpoint.</summary>
public sealed record EntraTestUser(string Subject, string? Email, params string[] Roles)
{
    public static EntraTestUser New(string? email, params string[] roles) => new("sub-" + Guid.NewGuid().ToString("N"), email, roles);
}

/// <summary>
/// An in-memory Microsoft Entra ID tenant, spoken to over HTTP through its message handler: the v2.0 discovery
/// document at the address Microsoft.Identity.Web derives from Instance and TenantId, a JWKS with one RSA key,
/// an authorize endpoint that signs in <see cref="NextUser"/> at once, and a token endpoint that redeems the code
/// (client secret and PKCE checked) for an ID token signed with the key, for the request's client and nonce.
/// </summary>
public sealed class EntraFakeAuthority : IDisposable
{
    public static readonly Uri Instance = new("https://login.entra-fake.test/");
    public string TenantId { get; } = "7c0f6a5e-2d1b-4f3a-9e8d-5b4c3a291807";
    public string ClientId { get; } = "3b9d2c1a-6e5f-4a7b-8c9d-0e1f2a3b4c5d";
    public string ClientSecret { get; } = "fake-secret-" + Guid.NewGuid().ToString("N");

    /// <summary>Who the authorize endpoint signs in next; null makes it answer the way Entra does when the person cancels.</summary>
    public EntraTestUser? NextUser { get; set; }

    /// <summary>Every request the fake answered, for a failing test's message.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    public EntraFakeAuthority() => _key = new RsaSecurityKey(_rsa) { KeyId = "fake-key-1" };

    public string Issuer => $"{Authority}/v2.0";
    private string Authority => new Uri(Instance, TenantId).ToString();
    public string AuthorizePath => $"/{TenantId}/oauth2/v2.0/authorize";

    /// <summary>A handler per caller: HttpClientFactory disposes its handlers, and the authority outlives them.</summary>
    public HttpMessageHandler CreateHandler() => new Endpoint(this);

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        Requests.Enqueue($"{request.Method} {uri}");
        var path = uri.AbsolutePath;
        if (path == $"/{TenantId}/v2.0/.well-known/openid-configuration") return Json(Discovery());
        if (path == $"/{TenantId}/discovery/v2.0/keys") return Json(Keys());
        if (path == AuthorizePath) return Authorize(QueryHelpers.ParseQuery(uri.Query));
        if (path == $"/{TenantId}/oauth2/v2.0/token" && request.Method == HttpMethod.Post)
            return Token(QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync()));
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private object Discovery() => new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Authority}/oauth2/v2.0/authorize",
        ["token_endpoint"] = $"{Authority}/oauth2/v2.0/token",
        ["jwks_uri"] = $"{Authority}/discovery/v2.0/keys",
        ["end_session_endpoint"] = $"{Authority}/oauth2/v2.0/logout",
        ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
        ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["tenant_region_scope"] = "EU",
    };

    private object Keys()
    {
        var p = _rsa.ExportParameters(false);
        return new { keys = new[] { new { kty = "RSA", use = "sig", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } };
    }

    private HttpResponseMessage Authorize(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> q)
    {
        string? Q(string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
        if (Q("client_id") != ClientId) return Text(HttpStatusCode.BadRequest, $"AADSTS700016: unknown client_id '{Q("client_id")}'");
        var redirect = Q("redirect_uri");
        if (redirect is null || Q("nonce") is not { } nonce || Q("response_type") is not { } responseType)
            return Text(HttpStatusCode.BadRequest, "redirect_uri, nonce and response_type are required");
        var mode = Q("response_mode") ?? (responseType == "code" ? "query" : "fragment");

        var answer = new Dictionary<string, string>();
        if (Q("state") is { } state) answer["state"] = state;
        if (NextUser is not { } user)
        {
            answer["error"] = "access_denied";
            answer["error_description"] = "AADSTS65004: User declined to consent to access the app.";
            return Respond(redirect, mode, answer);
        }
        var types = responseType.Split(' ');
        var scopes = (Q("scope") ?? "").Split(' ');
        string? code = null;
        if (types.Contains("code"))
        {
            code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new Grant(user, nonce, redirect, Q("code_challenge"), scopes);
            answer["code"] = code;
        }
        if (types.Contains("id_token")) answer["id_token"] = IdToken(user, nonce, scopes, code: code);
        return Respond(redirect, mode, answer);
    }

    private HttpResponseMessage Token(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        string? F(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        if (F("grant_type") != "authorization_code" || F("code") is not { } code || !_codes.TryRemove(code, out var grant))
            return Json(new { error = "invalid_grant" }, HttpStatusCode.BadRequest);
        if (F("client_id") != ClientId || F("client_secret") != ClientSecret)
            return Json(new { error = "invalid_client" }, HttpStatusCode.Unauthorized);
        if (F("redirect_uri") != grant.RedirectUri) return Json(new { error = "invalid_grant", error_description = "redirect_uri" }, HttpStatusCode.BadRequest);
        if (grant.CodeChallenge is { } challenge
            && Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(F("code_verifier") ?? ""))) != challenge)
            return Json(new { error = "invalid_grant", error_description = "PKCE" }, HttpStatusCode.BadRequest);
        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return Json(new
        {
            token_type = "Bearer",
            scope = "openid profile email",
            expires_in = 3600,
            access_token = accessToken,
            id_token = IdToken(grant.User, grant.Nonce, grant.Scopes, accessToken: accessToken),
        });
    }

    private string IdToken(EntraTestUser user, string nonce, string[] scopes, string? code = null, string? accessToken = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Subject,
            ["oid"] = "oid-" + user.Subject,
            ["tid"] = TenantId,
            ["ver"] = "2.0",
            ["nonce"] = nonce,
            ["name"] = user.Email ?? user.Subject,
        };
        // As Entra: preferred_username always (the sign-in name), email only when the email scope was asked for.
        if (user.Email is not null) claims["preferred_username"] = user.Email;
        if (user.Email is not null && scopes.Contains("email")) claims["email"] = user.Email;
        if (user.Roles.Length > 0) claims["roles"] = user.Roles;
        if (code is not null) claims["c_hash"] = LeftHalfHash(code);
        if (accessToken is not null) claims["at_hash"] = LeftHalfHash(accessToken);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string LeftHalfHash(string value)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(value));
        return Base64UrlEncoder.Encode(hash[..(hash.Length / 2)]);
    }

    /// <summary>form_post as an auto-posting page, as Entra does; query and fragment as a redirect.</summary>
    private static HttpResponseMessage Respond(string redirectUri, string mode, Dictionary<string, string> answer)
    {
        if (mode == "form_post")
        {
            var inputs = string.Concat(answer.Select(a => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(a.Key)}\" value=\"{WebUtility.HtmlEncode(a.Value)}\" />"));
            return Text(HttpStatusCode.OK, $"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{WebUtility.HtmlEncode(redirectUri)}\">{inputs}</form></body></html>", "text/html");
        }
        var encoded = string.Join('&', answer.Select(a => $"{Uri.EscapeDataString(a.Key)}={Uri.EscapeDataString(a.Value)}"));
        var response = new HttpResponseMessage(HttpStatusCode.Redirect);
        response.Headers.Location = new Uri(redirectUri + (mode == "fragment" ? "#" : redirectUri.Contains('?') ? "&" : "?") + encoded);
        return response;
    }

    private static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        Text(status, JsonSerializer.Serialize(body), "application/json");

    private static HttpResponseMessage Text(HttpStatusCode status, string body, string type = "text/plain") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, type) };

    public void Dispose() => _rsa.Dispose();

    private sealed record Grant(EntraTestUser User, string Nonce, string RedirectUri, string? CodeChallenge, string[] Scopes);

    private sealed class Endpoint(EntraFakeAuthority authority) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => authority.AnswerAsync(request);
    }
}
