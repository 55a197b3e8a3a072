using System.Globalization;

namespace CostSense.Core.Money;

/// <summary>
/// Formats money in its billing currency, whatever the server's culture: containers often run with the
/// invariant culture, where "C" prints ¤96.36.
/// </summary>
public static class MoneyFormat
{
    private static readonly IReadOnlyDictionary<string, string> Symbols = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "$", ["CAD"] = "CA$", ["AUD"] = "A$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["INR"] = "₹",
        ["CHF"] = "CHF ", ["SEK"] = "SEK ", ["NOK"] = "NOK ", ["DKK"] = "DKK ", ["BRL"] = "R$",
    };

    /// <summary>"$1,234.56"; negative amounts as "-$1,234.56". Unknown currencies print their code: "XYZ 1,234.56".</summary>
    public static string Format(decimal amount, string currency, int decimals = 2)
    {
        var symbol = Symbols.TryGetValue(currency, out var s) ? s : currency.ToUpperInvariant() + " ";
        var number = Math.Abs(Math.Round(amount, decimals, MidpointRounding.AwayFromZero)).ToString("N" + decimals, CultureInfo.InvariantCulture);
        return (amount < 0 && number.Any(c => c is >= '1' and <= '9') ? "-" : "") + symbol + number;
    }

    /// <summary>Compact form for axes and tight cards: "$12.3K", "$1.25M"; whole amounts without cents ("$500", "$0"), so an axis reads evenly.</summary>
    public static string Compact(decimal amount, string currency)
    {
        var abs = Math.Abs(amount);
        return abs switch
        {
            >= 1_000_000m => Format(amount / 1_000_000m, currency) + "M",
            >= 10_000m => Format(amount / 1_000m, currency, 1) + "K",
            _ => Format(amount, currency, abs >= 1_000m || amount == decimal.Truncate(amount) ? 0 : 2),
        };
    }

    public static string Percent(decimal? value, int decimals = 1) =>
        value is null ? "n/a" : (value > 0 ? "+" : "") + value.Value.ToString("N" + decimals, CultureInfo.InvariantCulture) + "%";
}
