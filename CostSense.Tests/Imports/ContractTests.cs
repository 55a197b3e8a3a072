using CostSense.Core.Imports;
using CostSense.Core.Imports.Formats;

namespace CostSense.Tests.Imports;

/// <summary>
/// CostFileReader reads only the ITabularSource contract, so any container maps the same way: a Parquet reader's
/// null cells are nulls (0 for money), and a cancelled import stops.
/// </summary>
public class ContractTests
{
    private sealed class InMemorySource(string[] header, params string?[][] rows) : ITabularSource
    {
        private int _next;
        public string FileName => "part-0.parquet";
        public IReadOnlyList<string> Header => header;

        public ValueTask<TabularRow?> ReadAsync(CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult(_next < rows.Length ? new TabularRow(_next + 2, rows[_next++]) : null);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task NullCells_FromAColumnarContainer_MapLikeEmptyCsvCells()
    {
        await using var source = new InMemorySource(["ChargePeriodStart", "BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "ResourceId"],
            ["2024-01-01T00:00:00Z", "1.5", null, null, "EUR", null]);
        var reader = CostFileReader.Open(source);

        var rows = new List<ImportedCostRow>();
        await foreach (var row in reader.ReadAllAsync(TestContext.Current.CancellationToken)) rows.Add(row);

        var record = Assert.Single(rows).Record;
        Assert.Equal((1.5m, 0m, 0m, "EUR", (string?)null, ""), (record.BilledCost, record.EffectiveCost, record.ListCost, record.BillingCurrency, record.ResourceId, record.ResourceGroup));
        Assert.Equal(2L, rows[0].Line);
    }

    [Fact]
    public async Task CancelledImport_Stops()
    {
        await using var source = new InMemorySource(["ChargePeriodStart", "BilledCost", "EffectiveCost"], ["2024-01-01", "1", "1"]);
        var reader = CostFileReader.Open(source);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in reader.ReadAllAsync(cancelled.Token)) { }
        });
    }
}
