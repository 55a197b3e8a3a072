using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Reports.Delivery;

/// <summary>The schedule of e-mailed reports, section <c>CostSense:Reports</c>.</summary>
public sealed class ReportDeliveryOptions
{
    public const string Section = "CostSense:Reports";

    /// <summary>The hour (UTC) reports are sent: Mondays for weekly, the 1st for monthly.</summary>
    [Range(0, 23)]
    public int SendHourUtc { get; set; } = 6;

    /// <summary>How often the worker looks for due reports and deliveries to try again.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>Attempts per delivery before it is given up (the back-off runs 1, 5, 15, 60, 240 minutes, then 240).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long a sender holds a delivery it claimed; a sender that dies frees it when this passes.</summary>
    [Range(30, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    private static readonly int[] BackOffMinutes = [1, 5, 15, 60, 240];

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan BackOff(int attempts) => TimeSpan.FromMinutes(BackOffMinutes[Math.Clamp(attempts, 1, BackOffMinutes.Length) - 1]);
}
