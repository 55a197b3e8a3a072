using CostSense.Core.Data.Entities;

namespace CostSense.Core.Showback;

/// <summary>
/// Runs allocation rules over the cells of a view, exactly (no rounding here). Rules run in their order; each takes
/// the cells of its source that no earlier rule took (the cost of some resource groups, of some subscriptions, or the
/// untagged cost) and splits their sum across values of the key: in proportion to each value's direct cost outside
/// every source taken so far, or by fixed percentages. A proportional rule with no value to receive leaves the cost
/// where it was (and a later rule may take it). Every split hands the last recipient the remainder, so what a rule
/// gives adds up to what it took to the last digit: cost is moved, never made or lost.
/// </summary>
public static class AllocationEngine
{
    /// <summary>The key under which results hold the untagged cost (no tag value is empty: the rollup skips empty values).</summary>
    public const string Untagged = "";

    /// <param name="cells">The view's cost, by resource group and value.</param>
    /// <param name="rules">The enabled rules of the viewed key, in the order they apply.</param>
    public static AllocationResult Run(IReadOnlyList<AllocationCell> cells, IReadOnlyList<AllocationRule> rules)
    {
        var amounts = new Dictionary<string, (decimal Direct, decimal In, decimal Out)>(StringComparer.Ordinal);
        foreach (var c in cells)
        {
            var k = c.Value ?? Untagged;
            var a = amounts.GetValueOrDefault(k);
            amounts[k] = (a.Direct + c.Cost, a.In, a.Out);
        }
        if (!amounts.ContainsKey(Untagged)) amounts[Untagged] = (0m, 0m, 0m);

        var taken = new bool[cells.Count];
        var outcomes = new List<AllocationOutcome>(rules.Count);
        foreach (var rule in rules)
        {
            var source = Enumerable.Range(0, cells.Count).Where(i => !taken[i] && InSource(rule, cells[i])).ToList();
            if (source.Count == 0)
            {
                outcomes.Add(new(rule.Id, rule.Name, 0m, 0, "Its source has no cost in this view that an earlier rule did not take."));
                continue;
            }
            var amount = source.Sum(i => cells[i].Cost);
            var inSource = source.ToHashSet();
            var recipients = Recipients(rule, cells, taken, inSource);
            if (recipients.Count == 0)
            {
                outcomes.Add(new(rule.Id, rule.Name, 0m, 0, rule.Method == AllocationMethod.Proportional
                    ? $"No value of \"{rule.TagKey}\" has direct cost outside its source in this view, so the cost of its source stays where it was."
                    : "It has no fixed shares, so its cost stays where it was."));
                continue;
            }
            foreach (var i in source)
            {
                taken[i] = true;
                var k = cells[i].Value ?? Untagged;
                var a = amounts[k];
                amounts[k] = (a.Direct, a.In, a.Out + cells[i].Cost);
            }
            foreach (var (value, part) in Split(amount, recipients))
            {
                var a = amounts.GetValueOrDefault(value);
                amounts[value] = (a.Direct, a.In + part, a.Out);
            }
            outcomes.Add(new(rule.Id, rule.Name, amount, recipients.Count, null));
        }
        return new(amounts.ToDictionary(p => p.Key, p => new AllocationAmounts(p.Value.Direct, p.Value.In, p.Value.Out), StringComparer.Ordinal), outcomes);
    }

    /// <summary>Whether a rule's source holds the cell: its resource groups, its subscriptions, or the untagged cost.</summary>
    public static bool InSource(AllocationRule rule, AllocationCell cell) => rule.Source switch
    {
        AllocationSource.Untagged => cell.Value is null,
        AllocationSource.ResourceGroups => SourceKeys(rule).Contains(cell.GroupKey),
        AllocationSource.Subscriptions => SourceKeys(rule).Contains(cell.SubscriptionId),
        _ => false,
    };

    /// <summary>A rule's source keys, one per line; resource groups compare case-insensitively as Azure names them.</summary>
    public static HashSet<string> SourceKeys(AllocationRule rule) =>
        rule.SourceKeys.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Weights by value: fixed percentages, or each value's direct cost outside every source taken so far (positive only).</summary>
    private static List<(string Value, decimal Weight)> Recipients(AllocationRule rule, IReadOnlyList<AllocationCell> cells, bool[] taken, HashSet<int> source)
    {
        if (rule.Method == AllocationMethod.Fixed)
            return FixedShares.FromJson(rule.FixedShares).Where(s => s.Value > 0).Select(s => (s.Key, s.Value))
                .OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var weights = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            if (taken[i] || source.Contains(i) || cells[i].Value is not { } v) continue;
            weights[v] = weights.GetValueOrDefault(v) + cells[i].Cost;
        }
        return weights.Where(w => w.Value > 0).Select(w => (w.Key, w.Value)).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The amount in proportion to the weights; the largest weight takes what the others leave, so the parts add up exactly.</summary>
    public static IReadOnlyList<(string Value, decimal Part)> Split(decimal amount, IReadOnlyList<(string Value, decimal Weight)> weights)
    {
        var sum = weights.Sum(w => w.Weight);
        var last = Enumerable.Range(0, weights.Count).OrderByDescending(i => weights[i].Weight).ThenBy(i => i).First();
        var parts = new (string, decimal)[weights.Count];
        var given = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            if (i == last) continue;
            var part = amount * weights[i].Weight / sum;
            parts[i] = (weights[i].Value, part);
            given += part;
        }
        parts[last] = (weights[last].Value, amount - given);
        return parts;
    }
}
