namespace CostSense.Core.Showback;

/// <summary>What the showback page shows: cost by one tag key over [From, To], optionally of one subscription.</summary>
public sealed record ShowbackQuery(string TagKey, DateOnly From, DateOnly To, string? SubscriptionId = null)
{
    /// <summary>The whole calendar month of <paramref name="month"/> (its day is ignored).</summary>
    public static ShowbackQuery Month(string tagKey, DateOnly month, string? subscriptionId = null)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return new(tagKey, first, first.AddMonths(1).AddDays(-1), subscriptionId);
    }
}
