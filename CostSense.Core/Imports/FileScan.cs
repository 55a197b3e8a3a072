using CostSense.Core.Imports.Formats;

namespace CostSense.Core.Imports;

/// <summary>The first pass over one file: its format, row count, days, totals per currency and the months per source.</summary>
internal sealed class FileScan(ImportFile file, DetectedFormat format)
{
    public ImportFile File { get; } = file;
    public DetectedFormat Format { get; } = format;
    public long Rows { get; set; }
    public DateOnly? FirstDay { get; set; }
    public DateOnly? LastDay { get; set; }
    public SortedDictionary<string, (decimal Billed, decimal Effective)> Totals { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SortedSet<DateOnly>> MonthsBySource { get; } = new(StringComparer.Ordinal);

    public void Add(string source, Data.Entities.CostRecord r)
    {
        Rows++;
        var day = r.ChargePeriodStart;
        if (FirstDay is null || day < FirstDay) FirstDay = day;
        if (LastDay is null || day > LastDay) LastDay = day;
        var t = Totals.GetValueOrDefault(r.BillingCurrency);
        Totals[r.BillingCurrency] = (t.Billed + r.BilledCost, t.Effective + r.EffectiveCost);
        if (!MonthsBySource.TryGetValue(source, out var months)) MonthsBySource[source] = months = [];
        months.Add(new DateOnly(day.Year, day.Month, 1));
    }

    public IReadOnlyList<CurrencyTotal> CurrencyTotals() => Totals.Select(t => new CurrencyTotal(t.Key, t.Value.Billed, t.Value.Effective)).ToList();
}
