using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// Sign-in attempts per client address (CostSense:Auth:SignInsPerMinute), whatever the account, so that guessing
/// passwords is slow even across many e-mails. Only the form post counts; reading the page is free. The address is
/// the browser's as the trusted proxy reports it; IPv6 clients are grouped by their /64, which one client usually holds.
/// </summary>
public sealed class SignInRateLimit(IOptions<AuthOptions> auth, ILogger<SignInRateLimit> log) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public RateLimitPartition<string> GetPartition(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(context), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = auth.Value.SignInsPerMinute,
                Window = Window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, ct) =>
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window / 6;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        log.LogWarning("Sign-in attempts from {Address} exceed {Limit} a minute: refused for {Seconds} s", ClientAddress(context), auth.Value.SignInsPerMinute, seconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many sign-in attempts · CostSense</title></head>" +
            "<body style=\"font-family: sans-serif; max-width: 36rem; margin: 4rem auto;\"><h1>Too many sign-in attempts</h1>" +
            $"<p>Too many sign-in attempts came from your address. Wait {seconds} seconds, then try again.</p>" +
            "<p><a href=\"/Account/Login\">Back to sign in</a></p></body></html>", ct);
    };

    private static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
