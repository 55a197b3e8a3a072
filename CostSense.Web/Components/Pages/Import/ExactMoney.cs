using System.Globalization;
using CostSense.Core.Money;

namespace CostSense.Web.Components.Pages.Import;

/// <summary>
/// An import's totals as the file has them, to the last decimal, in the app's money format: an analyst compares them
/// with the source, so they are not rounded to cents ("$1,234.5678901"; at least two decimals).
/// </summary>
public static class ExactMoney
{
    public static string Format(decimal amount, string currency) => MoneyFormat.Format(amount, currency, Math.Max(2, Decimals(amount)));

    /// <summary>Significant decimals: the scale without trailing zeros.</summary>
    public static int Decimals(decimal amount)
    {
        var text = amount.ToString("0.############################", CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }
}
