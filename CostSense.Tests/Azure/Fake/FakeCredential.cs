using Azure.Core;
using Azure.Identity;

namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// A credential double: hands out a token per audience ("fake-token:https://management.azure.com/.default") and records the
/// scopes asked for, or fails as Entra does when <see cref="Fail"/> says so.
/// </summary>
public sealed class FakeCredential : TokenCredential
{
    private readonly Lock _gate = new();
    private readonly List<string> _scopes = [];

    /// <summary>When set, every token request fails with this Entra-like message (an expired secret: AADSTS7000222).</summary>
    public string? Fail { get; set; }

    public IReadOnlyList<string> Scopes { get { lock (_gate) return [.. _scopes]; } }

    public override AccessToken GetToken(TokenRequestContext context, CancellationToken ct)
    {
        lock (_gate) _scopes.AddRange(context.Scopes);
        if (Fail is { } message) throw new AuthenticationFailedException(message);
        return new AccessToken("fake-token:" + string.Join(" ", context.Scopes), DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext context, CancellationToken ct) => new(GetToken(context, ct));
}
