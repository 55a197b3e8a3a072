using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations;

public sealed partial class RecommendationService
{
    /// <summary>The grid's filters, applied in the store. Inactive recommendations are history, not work.</summary>
    internal static IQueryable<Recommendation> Filter(IQueryable<Recommendation> rows, RecommendationQuery q)
    {
        rows = rows.Where(r => r.IsActive && r.Kind == q.Kind);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var s = q.Search.Trim().ToLower();
            rows = rows.Where(r => r.ResourceName.ToLower().Contains(s) || r.ResourceGroup.ToLower().Contains(s) || r.Current.ToLower().Contains(s) || r.Target.ToLower().Contains(s));
        }
        if (q.Category is { } category) rows = rows.Where(r => r.Category == category);
        if (q.Action is { } action) rows = rows.Where(r => r.Action == action);
        if (q.Status is { } status) rows = rows.Where(r => r.Status == status);
        if (q.MinMonthlySavings is { } min) rows = rows.Where(r => r.MonthlySavings >= min);
        if (!string.IsNullOrWhiteSpace(q.SubscriptionId)) rows = rows.Where(r => r.SubscriptionId == q.SubscriptionId);
        if (!string.IsNullOrWhiteSpace(q.ResourceGroup)) rows = rows.Where(r => r.ResourceGroup == q.ResourceGroup);
        if (!string.IsNullOrWhiteSpace(q.Tag))
        {
            // Tags are stored as a JSON object: "key=value" matches "key":"value", a bare word matches anywhere.
            var parts = q.Tag.Split('=', 2, StringSplitOptions.TrimEntries);
            var needle = (parts.Length == 2 ? $"\"{parts[0]}\":\"{parts[1]}\"" : parts[0]).ToLower();
            rows = rows.Where(r => r.Tags != null && r.Tags.ToLower().Contains(needle));
        }
        return rows;
    }

    /// <summary>Sorts by a known column; anything else sorts by monthly savings. The id breaks ties so pages never overlap.</summary>
    internal static IQueryable<Recommendation> Sort(IQueryable<Recommendation> rows, RecommendationQuery q)
    {
        var d = q.SortDescending;
        IOrderedQueryable<Recommendation> sorted = q.SortBy switch
        {
            nameof(Recommendation.ResourceName) => d ? rows.OrderByDescending(r => r.ResourceName) : rows.OrderBy(r => r.ResourceName),
            nameof(Recommendation.ResourceGroup) => d ? rows.OrderByDescending(r => r.ResourceGroup) : rows.OrderBy(r => r.ResourceGroup),
            nameof(Recommendation.SubscriptionId) => d ? rows.OrderByDescending(r => r.SubscriptionId) : rows.OrderBy(r => r.SubscriptionId),
            nameof(Recommendation.Current) => d ? rows.OrderByDescending(r => r.Current) : rows.OrderBy(r => r.Current),
            nameof(Recommendation.Target) => d ? rows.OrderByDescending(r => r.Target) : rows.OrderBy(r => r.Target),
            nameof(Recommendation.Action) => d ? rows.OrderByDescending(r => r.Action) : rows.OrderBy(r => r.Action),
            nameof(Recommendation.Category) => d ? rows.OrderByDescending(r => r.Category) : rows.OrderBy(r => r.Category),
            nameof(Recommendation.Status) => d ? rows.OrderByDescending(r => r.Status) : rows.OrderBy(r => r.Status),
            nameof(Recommendation.CurrentMonthlyCost) => d ? rows.OrderByDescending(r => r.CurrentMonthlyCost) : rows.OrderBy(r => r.CurrentMonthlyCost),
            nameof(Recommendation.ProjectedMonthlyCost) => d ? rows.OrderByDescending(r => r.ProjectedMonthlyCost) : rows.OrderBy(r => r.ProjectedMonthlyCost),
            nameof(Recommendation.AnnualSavings) => d ? rows.OrderByDescending(r => r.AnnualSavings) : rows.OrderBy(r => r.AnnualSavings),
            nameof(Recommendation.Confidence) => d ? rows.OrderByDescending(r => r.Confidence) : rows.OrderBy(r => r.Confidence),
            nameof(Recommendation.EffortHours) => d ? rows.OrderByDescending(r => r.EffortHours) : rows.OrderBy(r => r.EffortHours),
            nameof(Recommendation.CpuP95) => d ? rows.OrderByDescending(r => r.CpuP95) : rows.OrderBy(r => r.CpuP95),
            nameof(Recommendation.MemoryP95) => d ? rows.OrderByDescending(r => r.MemoryP95) : rows.OrderBy(r => r.MemoryP95),
            _ => d ? rows.OrderByDescending(r => r.MonthlySavings) : rows.OrderBy(r => r.MonthlySavings),
        };
        return sorted.ThenBy(r => r.Id);
    }
}
