using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Formats;

namespace CostSense.Core.Imports;

/// <summary>
/// The first pass over one file: its format, row count, days, totals per currency, and per store source and month the
/// rows, their totals and the subscription-days they cover. The second pass checks each source-month it writes against
/// these, so a file that changed in between is refused; nothing of the rows themselves is kept.
/// </summary>
internal sealed class FileScan(ImportFile file, DetectedFormat format)
{
    public ImportFile File { get; } = file;
    public DetectedFormat Format { get; } = format;
    public long Rows { get; private set; }
    public DateOnly? FirstDay { get; private set; }
    public DateOnly? LastDay { get; private set; }

    /// <summary>Whether any row covers less than a day (an hourly export): its rows are summed to daily grain when written.</summary>
    public bool SubDaily { get; private set; }

    public SortedDictionary<string, (decimal Billed, decimal Effective)> Totals { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SortedSet<DateOnly>> MonthsBySource { get; } = new(StringComparer.Ordinal);

    /// <summary>Per source and month: rows and their billed and effective sums (all currencies together: a check, not a figure).</summary>
    public Dictionary<(string Source, DateOnly Month), Tally> Tallies { get; } = [];

    /// <summary>Per source: the (subscription, day) pairs its rows cover, to find another import counting the same.</summary>
    public Dictionary<string, HashSet<(string Subscription, DateOnly Day)>> SubscriptionDays { get; } = new(StringComparer.Ordinal);

    public void Add(string source, ImportedCostRow row)
    {
        var r = row.Record;
        Rows++;
        var day = r.ChargePeriodStart;
        if (FirstDay is null || day < FirstDay) FirstDay = day;
        if (LastDay is null || day > LastDay) LastDay = day;
        if (row.Details.SubDaily) SubDaily = true;
        var t = Totals.GetValueOrDefault(r.BillingCurrency);
        Totals[r.BillingCurrency] = (t.Billed + r.BilledCost, t.Effective + r.EffectiveCost);
        var month = new DateOnly(day.Year, day.Month, 1);
        if (!MonthsBySource.TryGetValue(source, out var months)) MonthsBySource[source] = months = [];
        months.Add(month);
        Tallies[(source, month)] = Tallies.GetValueOrDefault((source, month)).With(r);
        if (r.SubAccountId.Length > 0)
        {
            if (!SubscriptionDays.TryGetValue(source, out var days)) SubscriptionDays[source] = days = [];
            days.Add((r.SubAccountId, day));
        }
    }

    /// <summary>What this file holds of <paramref name="source"/> in [start, end).</summary>
    public Tally TallyOf(string source, DateOnly start, DateOnly end) =>
        Tallies.Where(t => t.Key.Source == source && t.Key.Month >= start && t.Key.Month < end)
            .Aggregate(default(Tally), (sum, t) => sum + t.Value);

    public IReadOnlyList<CurrencyTotal> CurrencyTotals() => Totals.Select(t => new CurrencyTotal(t.Key, t.Value.Billed, t.Value.Effective)).ToList();
}

/// <summary>A count of rows and their billed and effective sums.</summary>
internal readonly record struct Tally(long Rows, decimal Billed, decimal Effective)
{
    public Tally With(CostRecord r) => new(Rows + 1, Billed + r.BilledCost, Effective + r.EffectiveCost);

    public static Tally operator +(Tally a, Tally b) => new(a.Rows + b.Rows, a.Billed + b.Billed, a.Effective + b.Effective);
}
