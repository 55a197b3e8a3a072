namespace CostSense.Core.Showback;

/// <summary>
/// Rounds a column of amounts to cents so that the rounded amounts add up to a given rounded total (the
/// largest-remainder method): each amount is floored to the cent, then the cents still missing go to the amounts that
/// lost the most in flooring. Rounding each amount on its own could leave the chargeback table a cent or two off the
/// dashboard's total; this never does.
/// </summary>
public static class LargestRemainder
{
    /// <summary>An amount rounded to the cent as the app shows money (half away from zero, as MoneyFormat does).</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The amounts rounded to cents, in the same order, adding up to exactly <paramref name="total"/> (itself in cents).
    /// Ties go to the earlier amount, so the result is the same on every run.
    /// </summary>
    public static decimal[] Round(IReadOnlyList<decimal> amounts, decimal total)
    {
        if (Cents(total) != total) throw new ArgumentException($"The total {total} is not in cents.", nameof(total));
        var rounded = new decimal[amounts.Count];
        if (amounts.Count == 0) return rounded;
        var remainders = new decimal[amounts.Count];
        for (var i = 0; i < amounts.Count; i++)
        {
            rounded[i] = Math.Floor(amounts[i] * 100m) / 100m;
            remainders[i] = amounts[i] - rounded[i];
        }
        // Whole cents still to hand out; positive when the amounts add up to the total (it is then below their count).
        var missing = (int)((total - rounded.Sum()) * 100m);
        var byRemainder = Enumerable.Range(0, amounts.Count)
            .OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        if (missing >= 0)
        {
            for (var n = 0; n < missing; n++) rounded[byRemainder[n % byRemainder.Length]] += 0.01m;
        }
        else
        {
            // Only when the caller's total is below the amounts' own sum: take cents from the smallest remainders first.
            for (var n = 0; n < -missing; n++) rounded[byRemainder[^(1 + n % byRemainder.Length)]] -= 0.01m;
        }
        return rounded;
    }
}
