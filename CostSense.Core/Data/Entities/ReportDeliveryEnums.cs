namespace CostSense.Core.Data.Entities;

/// <summary>How often a report subscription sends: weekly on Mondays, monthly on the 1st (at CostSense:Reports:SendHourUtc).</summary>
public enum ReportFrequency
{
    Weekly,
    Monthly,
}

/// <summary>Which complete days a sent summary covers, counted back from the day it is sent.</summary>
public enum ReportRange
{
    /// <summary>The previous Monday to Sunday.</summary>
    LastWeek,
    /// <summary>The previous calendar month.</summary>
    LastMonth,
    /// <summary>The 1st of yesterday's month to yesterday.</summary>
    MonthToDate,
}

/// <summary>Where a delivery stands.</summary>
public enum ReportDeliveryStatus
{
    /// <summary>Not tried yet.</summary>
    Pending,
    /// <summary>Tried and failed; tried again at NextAttemptAt.</summary>
    Failed,
    /// <summary>Accepted by the SMTP server; never sent again.</summary>
    Sent,
    /// <summary>Failed the maximum number of attempts; not tried again.</summary>
    GaveUp,
}
