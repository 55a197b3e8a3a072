using System.Net;
using System.Text.RegularExpressions;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CostSense.Tests.Security;

public sealed partial class SecurityHeadersTests(KestrelAppFixture app) : IClassFixture<KestrelAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndNoServerHeader(string path, HttpStatusCode status)
    {
        using var response = await app.Client.GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task PageResponses_GetDifferentNonces_AndTheImportMapCarriesTheHeadersNonce()
    {
        var first = await NoncesAsync("/");
        var second = await NoncesAsync("/");

        Assert.Equal(first.Header, first.ImportMap);
        Assert.Equal(second.Header, second.ImportMap);
        Assert.NotEqual(first.Header, second.Header);
        Assert.True(first.Header.Length >= 22, $"A 128-bit nonce, was '{first.Header}'");
    }

    [Fact]
    public async Task NotFoundPage_ReExecuted_StillCarriesTheHeadersNonce()
    {
        var (header, importMap) = await NoncesAsync("/no-such-page", HttpStatusCode.NotFound);

        Assert.Equal(header, importMap);
    }

    [Fact]
    public async Task ErrorPage_AfterAnUnhandledException_CarriesTheHeaders_AndTheNonce()
    {
        // Health checks that throw instead of reporting: nothing catches it before the exception handler serves /Error.
        await using var failing = await TestApp.StartAsync(new TestAppOptions
        {
            Server = AppServer.KestrelHttps, Services = s => s.Replace(ServiceDescriptor.Singleton<HealthCheckService, ThrowingHealthChecks>()),
        });
        using var client = failing.Client();

        using var response = await client.GetAsync("/health/live", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("An error occurred while processing your request", html);
        AssertSecurityHeaders(response);
        Assert.Equal(NonceIn(response), ImportMapNonce(html));
    }

    private async Task<(string Header, string ImportMap)> NoncesAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await app.Client.GetAsync(path, Ct);
        Assert.Equal(status, response.StatusCode);
        return (NonceIn(response), ImportMapNonce(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.Matches(CspShape(), csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode}) has no {name} header");

    private static string NonceIn(HttpResponseMessage response) => CspShape().Match(Header(response, "Content-Security-Policy")).Groups["nonce"].Value;

    private static string ImportMap(string html) => ImportMapTag().Match(html) is { Success: true } m ? m.Value
        : throw new Xunit.Sdk.XunitException("The page has no import map script");

    private static string ImportMapNonce(string html) => NonceAttribute().Match(ImportMap(html)).Groups["nonce"].Value;

    [GeneratedRegex(@"^default-src 'self'; script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9_-]{22,})'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$")]
    private static partial Regex CspShape();

    [GeneratedRegex(@"<script[^>]*type=""importmap""[^>]*>")]
    private static partial Regex ImportMapTag();

    [GeneratedRegex(@"\snonce=""(?<nonce>[^""]*)""")]
    private static partial Regex NonceAttribute();
}
