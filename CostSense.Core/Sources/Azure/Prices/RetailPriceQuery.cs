namespace CostSense.Core.Sources.Azure.Prices;

/// <summary>One Retail Prices query: the Virtual Machines meters of a few sizes in one region.</summary>
/// <param name="Region">"eastus", lower case, as the API's <c>armRegionName</c>.</param>
/// <param name="Sizes">"Standard_D4s_v5", …: the API's filter values are case-sensitive since 2023-01-01-preview.</param>
public sealed record RetailPriceQuery(string Region, IReadOnlyList<string> Sizes)
{
    /// <summary>The API version that carries savings plan prices (<c>savingsPlan</c> on consumption items).</summary>
    public const string ApiVersion = "2023-01-01-preview";

    /// <summary>
    /// <c>serviceName eq 'Virtual Machines' and armRegionName eq '…' and (armSkuName eq '…' or …)</c>: every price type
    /// (consumption, reservation, dev/test) of those sizes; the mapping keeps what it needs.
    /// </summary>
    public string Filter =>
        $"serviceName eq 'Virtual Machines' and armRegionName eq '{Quote(Region)}' and ("
        + string.Join(" or ", Sizes.Select(s => $"armSkuName eq '{Quote(s)}'")) + ")";

    /// <summary>The first page's path and query under the Retail Prices endpoint, in US dollars, primary meters only.</summary>
    public string PathAndQuery =>
        $"api/retail/prices?api-version={ApiVersion}&currencyCode='USD'&meterRegion='primary'&$filter={Uri.EscapeDataString(Filter)}";

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
