using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// Azure Monitor's batch metrics endpoint (metrics:getBatch, api-version 2024-02-01) under "{base}/metrics/{region}/", in
/// its real shape: <c>{"values":[{"starttime","endtime","interval","namespace","resourceregion","resourceid","value":[{"id",
/// "type","name":{"value","localizedValue"},"unit","timeseries":[{"metadatavalues":[…],"data":[{"timeStamp",…}]}],"errorCode"}]}]}</c>,
/// one bucket per hour of [starttime, endtime), a bucket without data carrying only its timeStamp. It refuses what Azure
/// refuses: more than 50 resources, resources of another subscription, region or type than the call's.
/// </summary>
public static class FakeMonitor
{
    public const int MaxResources = 50;

    public static void Map(IEndpointRouteBuilder app, FakeTenant tenant, FakeMetricData data) =>
        app.MapPost("/metrics/{region}/subscriptions/{sub}/{operation}", async (HttpContext context, string region, string sub, string operation) =>
        {
            var q = context.Request.Query;
            if (operation != "metrics:getBatch") { await FakeAzureServer.Error(context, 404, "NotFound", $"No operation {operation}."); return; }
            if (q["api-version"] != "2024-02-01") { await FakeAzureServer.Error(context, 400, "BadRequest", "Unsupported api-version."); return; }
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            var ids = body.RootElement.GetProperty("resourceids").EnumerateArray().Select(e => e.GetString()!).ToList();
            var ns = q["metricnamespace"].ToString();
            if (ids.Count is 0 or > MaxResources)
            {
                await FakeAzureServer.Error(context, 400, "BadRequest", $"Between 1 and {MaxResources} resource ids are allowed; {ids.Count} were given.");
                return;
            }
            foreach (var id in ids)
            {
                var (subscription, location, type) = Describe(tenant, id);
                if (!sub.Equals(subscription, StringComparison.OrdinalIgnoreCase) || !region.Equals(location, StringComparison.OrdinalIgnoreCase)
                    || !ns.Equals(type, StringComparison.OrdinalIgnoreCase))
                {
                    await FakeAzureServer.Error(context, 400, "BadRequest", $"Resource {id} is not a {ns} of subscription {sub} in {region}.");
                    return;
                }
            }
            var start = DateTimeOffset.Parse(q["starttime"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var end = DateTimeOffset.Parse(q["endtime"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var aggregations = q["aggregation"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Trim().ToLowerInvariant()).ToList();
            var split = q["filter"].ToString() is { Length: > 0 } f && f.Replace(" ", "").Equals("ApiNameeq'*'", StringComparison.OrdinalIgnoreCase);
            var names = q["metricnames"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var values = ids.Select(id => new Dictionary<string, object?>
            {
                ["starttime"] = Time(start),
                ["endtime"] = Time(end),
                ["interval"] = "PT1H",
                ["namespace"] = ns,
                ["resourceregion"] = region,
                ["resourceid"] = id,
                ["value"] = names.Select(name => new Dictionary<string, object?>
                {
                    ["id"] = $"{id}/providers/Microsoft.Insights/metrics/{name}",
                    ["type"] = "Microsoft.Insights/metrics",
                    ["name"] = new { value = name, localizedValue = name },
                    ["displayDescription"] = name,
                    ["unit"] = name switch { "Percentage CPU" => "Percent", "Transactions" => "Count", _ => "Bytes" },
                    ["timeseries"] = Series(data, id, name, split, start, end, aggregations),
                    ["errorCode"] = "Success",
                }).ToList(),
            }).ToList();
            await FakeAzureServer.Json(context, new { values });
        });

    private static List<object> Series(FakeMetricData data, string id, string name, bool split, DateTimeOffset start, DateTimeOffset end, List<string> aggregations)
    {
        var given = data.Of(id, name);
        if (!split)
        {
            var merged = given.SelectMany(g => g.Values).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            return [new { metadatavalues = Array.Empty<object>(), data = Buckets(merged, start, end, aggregations) }];
        }
        // Split by API name: a series per name that has data (Azure lists no series for a name never called).
        return given.Select(g => (object)new
        {
            metadatavalues = new[] { new { name = new { value = "apiname", localizedValue = "apiname" }, value = g.Dimension } },
            data = Buckets(g.Values, start, end, aggregations),
        }).ToList();
    }

    private static List<Dictionary<string, object>> Buckets(IReadOnlyDictionary<DateTimeOffset, double> values, DateTimeOffset start, DateTimeOffset end, List<string> aggregations)
    {
        var buckets = new List<Dictionary<string, object>>();
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            var bucket = new Dictionary<string, object> { ["timeStamp"] = Time(hour) };
            if (values.TryGetValue(hour, out var v))
                foreach (var a in aggregations) bucket[a] = a == "count" ? 1 : v;
            buckets.Add(bucket);
        }
        return buckets;
    }

    private static (string? Subscription, string? Region, string? Type) Describe(FakeTenant tenant, string id)
    {
        if (tenant.Vms.FirstOrDefault(v => v.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is { } vm)
            return (vm.SubscriptionId, vm.Region, "Microsoft.Compute/virtualMachines");
        if (tenant.StorageAccounts.FirstOrDefault(a => a.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is { } sa)
            return (sa.SubscriptionId, sa.Region, "Microsoft.Storage/storageAccounts");
        return (null, null, null);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
