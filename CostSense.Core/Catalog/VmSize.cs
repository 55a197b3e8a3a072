namespace CostSense.Core.Catalog;

/// <summary>A VM size in one region: shape and Linux pay-as-you-go price.</summary>
public sealed record VmSize(string Name, string Region, string Family, int VCpus, double MemoryGiB, decimal HourlyPrice)
{
    /// <summary>Azure's convention for monthly figures: 730 hours.</summary>
    public const decimal HoursPerMonth = 730m;

    public decimal MonthlyPrice => HourlyPrice * HoursPerMonth;
}
