using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Notifications;

/// <summary>
/// How alerts are checked and notifications delivered, section <c>CostSense:Notifications</c> (validated on start).
/// A failed delivery waits <see cref="FirstRetrySeconds"/>, then that times <see cref="BackOffFactor"/> after each further
/// failure (capped at <see cref="MaxRetryMinutes"/>), until <see cref="MaxAttempts"/> attempts were made.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "CostSense:Notifications";

    /// <summary>Attempts per delivery before it is given up.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt.</summary>
    [Range(1, 86_400)]
    public int FirstRetrySeconds { get; set; } = 60;

    /// <summary>Each further wait is the previous one times this (1 min, 4, 16, 64, 256 by default).</summary>
    [Range(1.0, 10.0)]
    public double BackOffFactor { get; set; } = 4.0;

    /// <summary>No wait is longer than this.</summary>
    [Range(1, 10_080)]
    public int MaxRetryMinutes { get; set; } = 360;

    /// <summary>How long a receiver may take to answer one POST before the attempt counts as failed.</summary>
    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>How long a sender holds a delivery it claimed; a sender that dies frees it when this passes.</summary>
    [Range(30, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Anomalies that ended more than this many days before the latest day of data are not news: never sent.</summary>
    [Range(0, 366)]
    public int AlertRecentDays { get; set; } = 7;

    /// <summary>How often the alert check runs (a page's change asks for one sooner).</summary>
    [Range(5, 86_400)]
    public int CheckIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// The app's public address ("https://costsense.example.com/"), so a notification can link to the page that shows
    /// the alert; without it notifications carry no link.
    /// </summary>
    [Url]
    public string? AppUrl { get; set; }

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan CheckInterval => TimeSpan.FromSeconds(CheckIntervalSeconds);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public TimeSpan BackOff(int attempts)
    {
        var seconds = FirstRetrySeconds * Math.Pow(BackOffFactor, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryMinutes * 60.0));
    }

    /// <summary>The absolute address of an app-relative link, or null without <see cref="AppUrl"/>.</summary>
    public string? AbsoluteLink(string? link)
    {
        if (link is null || string.IsNullOrWhiteSpace(AppUrl) || !Uri.TryCreate(AppUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root)) return null;
        return new Uri(root, link.TrimStart('/')).ToString();
    }
}
