using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Recommendations.Advisor;

/// <summary>
/// CostSense's recommendations beside Advisor's: for each, whether Advisor has a cost recommendation on the same resource
/// (ids compared lower case, as Advisor's are stored) and whether it is the same kind of action and target. Advisor's
/// reservation recommendations are subscription-wide (their resource is the subscription), so they come out as "Advisor
/// only" unless Advisor names the VM itself.
/// </summary>
public static class AdvisorComparison
{
    /// <summary>Advisor's opinion of <paramref name="ours"/> given Advisor's recommendations on its resource; null when there are none.</summary>
    public static AdvisorOpinion? Compare(Recommendation ours, IEnumerable<AdvisorRecommendation> onResource)
    {
        // The largest saving first, so "differs" names Advisor's weightiest alternative; a missing saving sorts last.
        var candidates = onResource.OrderByDescending(a => a.MonthlySavings ?? a.AnnualSavings / 12m ?? decimal.MinValue).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        if (candidates.Count == 0) return null;
        var agreeing = candidates.FirstOrDefault(a => AdvisorActions.Agree(ours.Action, ours.Target, a));
        var chosen = agreeing ?? candidates[0];
        return new AdvisorOpinion(agreeing is null ? AdvisorVerdict.Differs : AdvisorVerdict.Agrees, AdvisorActions.Of(chosen),
            AdvisorActions.Target(chosen), ours.Target, chosen);
    }

    /// <summary>Advisor's opinion of each of <paramref name="ours"/> that has one, by recommendation id.</summary>
    public static async Task<IReadOnlyDictionary<string, AdvisorOpinion>> OpinionsAsync(CostSenseDbContext db, IReadOnlyCollection<Recommendation> ours, CancellationToken ct)
    {
        if (ours.Count == 0) return new Dictionary<string, AdvisorOpinion>();
        var resources = ours.Select(r => r.ResourceId.ToLowerInvariant()).Distinct().ToList();
        var advisor = (await db.AdvisorRecommendations.AsNoTracking().Where(a => resources.Contains(a.ResourceId)).ToListAsync(ct))
            .ToLookup(a => a.ResourceId, StringComparer.OrdinalIgnoreCase);
        var opinions = new Dictionary<string, AdvisorOpinion>();
        foreach (var r in ours)
            if (Compare(r, advisor[r.ResourceId]) is { } opinion)
                opinions[r.Id] = opinion;
        return opinions;
    }

}
