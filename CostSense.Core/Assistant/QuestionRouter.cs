using System.Text.RegularExpressions;

namespace CostSense.Core.Assistant;

/// <summary>
/// Routes a question by rules over its words: a 3B model's own hand-offs between agents are unreliable, while the
/// vocabulary of the four domains barely overlaps. Specific words weigh more than generic ones ("reserve" is the
/// FinOps advisor's even when the question also says "VMs"; "save" alone decides nothing). The rules are unsure
/// when nothing matched or two specialists tie; only then is the model asked.
/// </summary>
public static partial class QuestionRouter
{
    private static readonly (Regex Pattern, SpecialistKind Kind, int Weight)[] Rules =
    [
        (Words(@"spend|spent|spending|bill|billing|invoice|trend|trends|breakdown|forecast|month[- ]end|month to date|mtd|anomal\w*|spike\w*|jump\w*|surge\w*|went up|go up|increase[ds]?|drop\w*|cost drivers?|drivers|expensive|most expensive|top costs?|by service|by region|by subscription|by resource group|by tag|cost cent(er|re)|last month|this month|yesterday|last week|(last |on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"), SpecialistKind.CostAnalyst, 3),
        (Words(@"costs?|costing|region|regions|subscriptions?|services?|resource groups?|daily|why"), SpecialistKind.CostAnalyst, 1),
        (Words(@"vms?|virtual machines?|resize|resizing|right-?siz\w*|downsiz\w*|deallocat\w*|idle|shut ?down|stopped|cpu|memory|utili[sz]ation|utili[sz]ed|underutili[sz]ed|b-series|burstable|scale up|sku|instances?|compute"), SpecialistKind.ComputeOptimizer, 3),
        (Words(@"storage|blobs?|access tiers?|tiers?|tiering|archive|lifecycle|replication|ra-grs|grs|lrs|zrs|storage accounts?|disks?|snapshots?|capacity|gib|tib"), SpecialistKind.StorageOptimizer, 3),
        (Words(@"reserv\w*|commitments?|commit|savings plans?|roi|payback|pay back|return on investment|business case|budgets?|remediation|action plan|plan|prioriti[sz]e|priorit\w*|three years?|3 years?|3-year|one year|1 year|1-year|realized|realised|total potential"), SpecialistKind.FinOpsAdvisor, 3),
        (Words(@"save|saves|saving|savings"), SpecialistKind.FinOpsAdvisor, 1),
    ];

    private static readonly Regex SmallTalk = Words(@"hi|hello|hey|good (morning|afternoon|evening)|thanks|thank you|thx|cheers|who are you|what can you do|what are you|help|how are you|bye|goodbye|ok|okay|great|cool thanks");

    public static RouteDecision Route(string question)
    {
        var text = question.Trim().ToLowerInvariant();
        var scores = new Dictionary<SpecialistKind, int>();
        foreach (var (pattern, kind, weight) in Rules)
        {
            var hits = pattern.Matches(text).Count;
            if (hits > 0) scores[kind] = scores.GetValueOrDefault(kind) + hits * weight;
        }
        if (scores.Count == 0)
            return SmallTalk.IsMatch(text) || text.Length < 4
                ? new RouteDecision(SpecialistKind.Orchestrator, true, "small talk")
                : new RouteDecision(SpecialistKind.CostAnalyst, false, "no domain words");
        var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).ToList();
        var best = ranked[0];
        var tie = ranked.Count > 1 && ranked[1].Value == best.Value;
        return new RouteDecision(best.Key, !tie, tie
            ? $"tie between {best.Key.DisplayName()} and {ranked[1].Key.DisplayName()}"
            : string.Join(", ", ranked.Select(r => $"{r.Key.DisplayName()} {r.Value}")));
    }

    /// <summary>Reads the model's one-word choice; null when it named none of them.</summary>
    public static SpecialistKind? ParseModelChoice(string? reply)
    {
        var text = (reply ?? "").ToLowerInvariant();
        if (text.Contains("compute")) return SpecialistKind.ComputeOptimizer;
        if (text.Contains("storage")) return SpecialistKind.StorageOptimizer;
        if (text.Contains("finops") || text.Contains("savings")) return SpecialistKind.FinOpsAdvisor;
        if (text.Contains("cost")) return SpecialistKind.CostAnalyst;
        if (text.Contains("chat")) return SpecialistKind.Orchestrator;
        return null;
    }

    public const string ModelChoicePrompt =
        "Classify the user's question for a cloud cost tool. Reply with exactly one word: " +
        "cost (spend, trends, breakdowns, anomalies, forecast), compute (virtual machines), storage (storage accounts, tiers, replication), " +
        "finops (savings, reservations, ROI, payback, budgets, plans) or chat (greetings, anything else).";

    private static Regex Words(string alternatives) => new($@"\b(?:{alternatives})\b", RegexOptions.Compiled | RegexOptions.CultureInvariant);
}
