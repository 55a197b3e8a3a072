namespace CostSense.Core.Data.Entities;

/// <summary>How a VM size is paid for.</summary>
public enum RetailPriceKind
{
    PayAsYouGoLinux,
    PayAsYouGoWindows,
    SpotLinux,
    SpotWindows,
    Reservation1Year,
    Reservation3Year,
    SavingsPlan1Year,
    SavingsPlan3Year,
}

/// <summary>
/// A VM size's price in one region from the Azure Retail Prices API, per hour. Reservations are stored per hour too: the
/// API gives the whole term's price (although its unit says "1 Hour"), divided here by 8,760 or 26,280.
/// </summary>
public sealed class RetailPrice
{
    /// <summary>"Standard_D4s_v5".</summary>
    public required string ArmSkuName { get; set; }

    /// <summary>"eastus", lower case.</summary>
    public required string Region { get; set; }

    public RetailPriceKind Kind { get; set; }

    public decimal HourlyPrice { get; set; }

    public required string Currency { get; set; }

    /// <summary>The meter, for tracing a price back to the API.</summary>
    public string? MeterId { get; set; }

    public DateTimeOffset EffectiveStartDate { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}
