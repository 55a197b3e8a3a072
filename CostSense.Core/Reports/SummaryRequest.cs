using System.Globalization;
using CostSense.Core.Costs;

namespace CostSense.Core.Reports;

/// <summary>
/// What an executive summary covers: a date range (inclusive), optionally one subscription and one provider, exactly
/// the dashboard's filter. The dashboard's button, the URL for scripts and the e-mailed reports all ask with one.
/// </summary>
public sealed record SummaryRequest(DateOnly From, DateOnly To, string? SubscriptionId = null, string? ProviderName = null)
{
    /// <summary>A summary covers at most this many days: a year and a day, so "last 12 months" and any leap year fit.</summary>
    public const int MaxDays = 366;

    /// <summary>The dashboard's filter for the same scope, so the summary reads what the screen reads.</summary>
    public CostFilter Filter => new(From, To, SubscriptionId, ProviderName);

    /// <summary>
    /// The request in a URL's terms: <c>from</c> and <c>to</c> as yyyy-MM-dd (both, or neither for month to date, which the
    /// caller anchors), <c>subscription</c> and <c>provider</c> optional. Null with a plain-words <paramref name="error"/>
    /// when a value is malformed, the range is reversed or longer than <see cref="MaxDays"/>.
    /// </summary>
    public static SummaryRequest? TryParse(string? from, string? to, string? subscription, DateOnly monthToDateAnchor, out string? error,
        string? provider = null)
    {
        error = null;
        var subscriptionId = string.IsNullOrWhiteSpace(subscription) ? null : subscription.Trim();
        var providerName = string.IsNullOrWhiteSpace(provider) ? null : provider.Trim();
        if (subscriptionId is { Length: > 200 } || providerName is { Length: > 200 })
        {
            error = $"The {(subscriptionId is { Length: > 200 } ? "subscription id" : "provider name")} is too long.";
            return null;
        }
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
            return new SummaryRequest(new DateOnly(monthToDateAnchor.Year, monthToDateAnchor.Month, 1), monthToDateAnchor, subscriptionId, providerName);
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            error = "Give both 'from' and 'to' (yyyy-MM-dd), or neither for month to date.";
            return null;
        }
        if (!TryDate(from, out var start))
        {
            error = $"'from' must be a date as yyyy-MM-dd, not '{Shorten(from)}'.";
            return null;
        }
        if (!TryDate(to, out var end))
        {
            error = $"'to' must be a date as yyyy-MM-dd, not '{Shorten(to)}'.";
            return null;
        }
        if (end < start)
        {
            error = $"The range ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).";
            return null;
        }
        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            error = $"A summary covers at most {MaxDays} days; {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is {end.DayNumber - start.DayNumber + 1}.";
            return null;
        }
        return new SummaryRequest(start, end, subscriptionId, providerName);
    }

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // A caller's text goes back in the message, but never at any length.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
