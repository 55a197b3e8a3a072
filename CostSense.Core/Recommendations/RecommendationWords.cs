using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations;

/// <summary>
/// A recommendation's action in a reader's words, as the grids, the savings page's plan and the PDF summary print it
/// ("Resize → D2s v5"): one wording for the screen and the document.
/// </summary>
public static class RecommendationWords
{
    public static string Action(RecommendationAction action) => action switch
    {
        RecommendationAction.Deallocate => "Deallocate",
        RecommendationAction.Delete => "Delete",
        RecommendationAction.Resize => "Resize",
        RecommendationAction.ScaleUp => "Scale up",
        RecommendationAction.Reserve1Year => "Reserve 1 year",
        RecommendationAction.Reserve3Year => "Reserve 3 years",
        RecommendationAction.ChangeAccessTier => "Change access tier",
        RecommendationAction.AddLifecyclePolicy => "Add lifecycle policy",
        RecommendationAction.ChangeReplication => "Change replication",
        _ => action.ToString(),
    };

    /// <summary>"Access tier" for the one category whose name is two words; the others read as they are.</summary>
    public static string Category(RecommendationCategory category) => category switch
    {
        RecommendationCategory.AccessTier => "Access tier",
        _ => category.ToString(),
    };

    /// <summary>"Resize → Standard_D2s_v5", as the savings page's plan writes it; the action alone when there is no target.</summary>
    public static string ActionAndTarget(Recommendation r) =>
        string.IsNullOrWhiteSpace(r.Target) ? Action(r.Action) : $"{Action(r.Action)} → {r.Target}";
}
