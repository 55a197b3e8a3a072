using System.Buffers.Text;
using System.Security.Cryptography;

namespace CostSense.Web.Security;

/// <summary>
/// The per-request nonce that lets the page's one inline script (the import map) run under the CSP.
/// Kept in <see cref="HttpContext.Items"/>, not a scoped service: the error and not-found pages are re-executed
/// in a new service scope but the same HttpContext, and must carry the nonce the header already names.
/// </summary>
public static class CspNonce
{
    private static readonly object Key = new();

    public static string GetOrCreateCspNonce(this HttpContext context)
    {
        if (context.Items[Key] is string nonce) return nonce;
        // 128 bits; base64url, so the value reads the same in the header and in HTML.
        nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Items[Key] = nonce;
        return nonce;
    }

    /// <summary>The request's nonce, or null outside a request the hardening middleware saw.</summary>
    public static string? GetCspNonce(this HttpContext? context) => context?.Items[Key] as string;
}
