using System.Globalization;
using System.Text.Json;
using Azure.Core;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// Runs one Cost Management query to its end: POSTs the body to <c>{scope}/providers/Microsoft.CostManagement/query</c>,
/// then the same body to each <c>properties.nextLink</c> until there is none (stopping early would silently drop cost),
/// and reads the rows by column name (<c>properties.columns</c>: the cost, <c>UsageDate</c> as an integer yyyyMMdd,
/// the grouping dimensions, <c>Currency</c>), never by position. 204 No Content means no rows.
/// </summary>
public sealed class CostQueryReader(CostManagementClient client)
{
    public const string ApiVersion = "2025-03-01";

    private static readonly string[] CostColumns = ["Cost", "PreTaxCost", "CostUSD", "PreTaxCostUSD"];

    /// <summary>The rows of <paramref name="type"/> cost on <paramref name="scope"/> for the days [from, to], grouped by <paramref name="dimensions"/>.</summary>
    /// <param name="what">What is read, for throttling messages.</param>
    public async Task<IReadOnlyList<CostQueryRow>> ReadAsync(string scope, string type, DateOnly from, DateOnly to, IReadOnlyList<string> dimensions,
        string what, IProgress<string>? progress, CancellationToken ct)
    {
        var body = CostQueryBody.Daily(type, from, to, [.. dimensions]);
        var rows = new List<CostQueryRow>();
        Uri? next = client.Connection.ResourceManagerUri($"{scope.TrimEnd('/')}/providers/Microsoft.CostManagement/query?api-version={ApiVersion}");
        var first = true;
        while (next is not null)
        {
            // One QPU per month of data queried: the first page is the query; its nextLink pages continue it.
            using var response = await client.SendAsync(RequestMethod.Post, next, body, costsQpu: first, what, progress, ct);
            first = false;
            next = null;
            if (response.Json is not { } json || !json.RootElement.TryGetProperty("properties", out var properties)) break;
            ReadPage(properties, dimensions, rows);
            if (properties.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && link.GetString() is { Length: > 0 } l)
                next = new Uri(l);
        }
        return rows;
    }

    /// <summary>Reads one page's rows by column name into <paramref name="rows"/>.</summary>
    internal static void ReadPage(JsonElement properties, IReadOnlyList<string> dimensions, List<CostQueryRow> rows)
    {
        if (!properties.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array) return;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        foreach (var column in columns.EnumerateArray())
        {
            if (column.TryGetProperty("name", out var name) && name.GetString() is { } n) index.TryAdd(n, i);
            i++;
        }
        var cost = CostColumns.Select(c => index.GetValueOrDefault(c, -1)).FirstOrDefault(c => c >= 0, -1);
        var date = index.GetValueOrDefault("UsageDate", -1);
        var currency = index.GetValueOrDefault("Currency", -1);
        if (cost < 0 || date < 0)
            throw new InvalidDataException($"The cost query's answer has no {(cost < 0 ? "cost" : "UsageDate")} column (columns: {string.Join(", ", index.Keys)}).");
        var dimensionIndex = dimensions.Select(d => (Name: d, Index: index.GetValueOrDefault(d, -1))).ToList();
        if (!properties.TryGetProperty("rows", out var list) || list.ValueKind != JsonValueKind.Array) return;
        foreach (var row in list.EnumerateArray())
        {
            var cells = row.EnumerateArray().ToArray();
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, at) in dimensionIndex) values[name] = at >= 0 && at < cells.Length ? Text(cells[at]) : null;
            rows.Add(new CostQueryRow(Day(cells[date]), Money(cells[cost]), currency >= 0 ? Text(cells[currency]) ?? "" : "", values));
        }
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };

    private static decimal Money(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? d : (decimal)e.GetDouble(),
        JsonValueKind.String => decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => 0m,
    };

    /// <summary><c>UsageDate</c>: an integer yyyyMMdd (20261101); a date-time string is read too.</summary>
    private static DateOnly Day(JsonElement e)
    {
        var text = e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.GetString() ?? "";
        if (DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return DateOnly.FromDateTime(at.UtcDateTime);
        throw new InvalidDataException($"The cost query's UsageDate '{text}' is not a date.");
    }
}
