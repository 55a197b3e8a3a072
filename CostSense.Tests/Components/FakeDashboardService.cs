using CostSense.Core.Costs;

namespace CostSense.Tests.Components;

/// <summary>The dashboard's service over <see cref="Snapshots"/>: records each filter asked for, fails when told to.</summary>
public sealed class FakeDashboardService : IDashboardService
{
    public DateOnly? Latest { get; set; }
    public Exception? Failure { get; set; }
    public string[] OtherCurrencies { get; set; } = [];
    public string[] Providers { get; set; } = ["Microsoft"];
    public List<CostFilter> Requests { get; } = [];

    public Task<DashboardSnapshot> GetAsync(CostFilter filter, CancellationToken ct)
    {
        Requests.Add(filter);
        return Failure is null ? Task.FromResult(Snapshots.For(filter, OtherCurrencies, Providers)) : Task.FromException<DashboardSnapshot>(Failure);
    }

    public Task<DateOnly?> LatestDataDateAsync(CancellationToken ct) => Task.FromResult(Latest);
}
