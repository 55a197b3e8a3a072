using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostSense.Tests.Azure.Fake;

/// <summary>A day's cost of one resource in the fake ledger: what the AmortizedCost and the ActualCost datasets say.</summary>
public sealed record FakeCost(string SubscriptionId, DateOnly Date, string ResourceId, string Location, decimal Amortized, decimal Actual, string Currency = "USD");

/// <summary>A scripted 429: the headers it carries (names as Cost Management writes them, values in seconds).</summary>
public sealed record FakeThrottle(IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A 429 with the QPU, entity and tenant waits and Retry-After.</summary>
    public static FakeThrottle Qpu(int qpu, int entity, int tenant, int retryAfter) => new(new Dictionary<string, string>
    {
        ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = qpu.ToString(CultureInfo.InvariantCulture),
        ["x-ms-ratelimit-microsoft.costmanagement-entity-retry-after"] = entity.ToString(CultureInfo.InvariantCulture),
        ["x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after"] = tenant.ToString(CultureInfo.InvariantCulture),
        ["x-ms-ratelimit-microsoft.costmanagement-qpu-consumed"] = "12",
        ["x-ms-ratelimit-microsoft.costmanagement-qpu-remaining"] = "QueryResource:0, Tenant:0",
        ["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture),
    });
}

/// <summary>A query the fake answered (or throttled): when by the test's clock, which scope, dataset, period and page.</summary>
public sealed record FakeCostQuery(DateTimeOffset At, string Scope, string Type, DateOnly From, DateOnly To, int Skip, int Status);

/// <summary>
/// Cost Management in its real shapes, answering from a ledger of daily costs (<see cref="Costs"/>, which the test fills,
/// e.g. for the <see cref="FakeTenant"/>'s VMs with <see cref="AddDaily"/>):
/// <list type="bullet">
/// <item><c>POST {subscription}/providers/Microsoft.CostManagement/query</c>: QueryResult with <c>properties.columns</c>
/// (the cost, <c>UsageDate</c> as an integer yyyyMMdd, the groupings, <c>Currency</c>), <c>properties.rows</c> and
/// <c>properties.nextLink</c> ($skiptoken) every <see cref="RowsPerPage"/> rows; 204 when the period has no cost; 400 for a
/// query Azure refuses (more than 31 days daily, more than two groupings); 429 with Cost Management's headers while
/// <see cref="Throttles"/> holds one.</item>
/// <item><c>POST {billing scope}/providers/Microsoft.CostManagement/generateCostDetailsReport</c>: 202 with Location and
/// Retry-After, polled <see cref="PollsBeforeReady"/> times with 202, then 200 (CostDetailsOperationResults) with
/// <c>manifest.blobs[].blobLink</c> SAS URLs the fake serves itself from <see cref="CostDetailsFiles"/>; NoDataFound for a
/// month without a file.</item>
/// </list>
/// </summary>
public sealed class FakeCostManagement(FakeTenant tenant)
{
    private readonly Lock _gate = new();
    private readonly List<FakeCostQuery> _queries = [];
    private readonly Dictionary<string, Operation> _operations = [];

    public FakeTenant Tenant => tenant;

    public List<FakeCost> Costs { get; } = [];

    /// <summary>Rows per page before a nextLink.</summary>
    public int RowsPerPage { get; set; } = 7;

    /// <summary>The next query and report requests are answered with these 429s, one each, in order.</summary>
    public Queue<FakeThrottle> Throttles { get; } = new();

    /// <summary>The test's clock, so <see cref="Queries"/> say when each query arrived.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Cost details files (CSV paths) by billing scope (lower case) and month.</summary>
    public Dictionary<(string Scope, DateOnly Month), string> CostDetailsFiles { get; } = [];

    public int PollsBeforeReady { get; set; } = 2;

    /// <summary>The Retry-After of a report's 202s, in seconds.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>Every query received, in order (pages included).</summary>
    public IReadOnlyList<FakeCostQuery> Queries { get { lock (_gate) return [.. _queries]; } }

    /// <summary>Adds a daily cost over [from, to] for a VM of the tenant; <paramref name="actual"/> defaults to the amortized cost.</summary>
    public void AddDaily(FakeVm vm, DateOnly from, DateOnly to, Func<DateOnly, decimal> amortized, Func<DateOnly, decimal>? actual = null)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
            Costs.Add(new FakeCost(vm.SubscriptionId, d, vm.Id, vm.Region, amortized(d), (actual ?? amortized)(d)));
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/subscriptions/{subscription}/providers/Microsoft.CostManagement/query", QueryAsync);
        app.MapPost("/providers/Microsoft.Billing/billingAccounts/{account}/providers/Microsoft.CostManagement/generateCostDetailsReport", GenerateAsync);
        app.MapGet("/providers/Microsoft.Billing/billingAccounts/{account}/providers/Microsoft.CostManagement/costDetailsOperationResults/{operation}", PollAsync);
        app.MapGet("/fake-blobs/{operation}/{file}", BlobAsync);
    }

    private async Task QueryAsync(HttpContext context)
    {
        var subscription = ((string)context.Request.RouteValues["subscription"]!).ToLowerInvariant();
        using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        var root = body.RootElement;
        var type = root.GetProperty("type").GetString()!;
        var period = root.GetProperty("timePeriod");
        var from = DateOnly.FromDateTime(DateTimeOffset.Parse(period.GetProperty("from").GetString()!, CultureInfo.InvariantCulture).UtcDateTime);
        var to = DateOnly.FromDateTime(DateTimeOffset.Parse(period.GetProperty("to").GetString()!, CultureInfo.InvariantCulture).UtcDateTime);
        var dataset = root.GetProperty("dataset");
        var groupings = dataset.TryGetProperty("grouping", out var g) ? g.EnumerateArray().Select(x => x.GetProperty("name").GetString()!).ToList() : [];
        var aggregation = dataset.GetProperty("aggregation").EnumerateObject().First();
        var costColumn = aggregation.Value.GetProperty("name").GetString()!;
        var skip = int.TryParse(context.Request.Query["$skiptoken"], out var s) ? s : 0;

        int Record(int status)
        {
            lock (_gate) _queries.Add(new FakeCostQuery(Clock(), $"/subscriptions/{subscription}", type, from, to, skip, status));
            return status;
        }

        if (TryThrottle(out var throttle))
        {
            Record(429);
            await Throttled(context, throttle);
            return;
        }
        if (root.GetProperty("timeframe").GetString() != "Custom" || dataset.GetProperty("granularity").GetString() != "Daily"
            || to.DayNumber - from.DayNumber + 1 > 31 || groupings.Count > 2 || type is not ("AmortizedCost" or "ActualCost"))
        {
            Record(400);
            await FakeAzureServer.Error(context, 400, "BadRequest", "Invalid query definition: a daily query covers at most 31 days and groups by at most two dimensions.");
            return;
        }

        var rows = Costs
            .Where(c => c.SubscriptionId.Equals(subscription, StringComparison.OrdinalIgnoreCase) && c.Date >= from && c.Date <= to)
            .GroupBy(c => (c.Date, Dims: string.Join("\u0001", groupings.Select(d => Dimension(c, d))), c.Currency))
            .OrderBy(x => x.Key.Date).ThenBy(x => x.Key.Dims, StringComparer.Ordinal)
            .Select(x => new { x.Key.Date, Dims = x.Key.Dims.Split('\u0001'), x.Key.Currency, Cost = x.Sum(c => type == "ActualCost" ? c.Actual : c.Amortized) })
            .ToList();
        if (rows.Count == 0)
        {
            Record(204);
            context.Response.StatusCode = 204;
            return;
        }
        Record(200);
        var page = rows.Skip(skip).Take(RowsPerPage).ToList();
        var columns = new List<object> { new { name = costColumn, type = "Number" }, new { name = "UsageDate", type = "Number" } };
        columns.AddRange(groupings.Select(d => new { name = d, type = "String" }));
        columns.Add(new { name = "Currency", type = "String" });
        string? nextLink = skip + RowsPerPage < rows.Count
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?api-version={context.Request.Query["api-version"]}&$skiptoken={skip + RowsPerPage}"
            : null;
        var id = Guid.NewGuid().ToString();
        await FakeAzureServer.Json(context, new
        {
            id = $"subscriptions/{subscription}/providers/Microsoft.CostManagement/query/{id}",
            name = id,
            type = "Microsoft.CostManagement/query",
            location = (string?)null,
            sku = (string?)null,
            eTag = (string?)null,
            properties = new
            {
                nextLink,
                columns,
                rows = page.Select(r =>
                {
                    var cells = new List<object> { r.Cost, int.Parse(r.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) };
                    cells.AddRange(groupings.Count == 0 ? [] : r.Dims);
                    cells.Add(r.Currency);
                    return cells;
                }),
            },
        });
    }

    private static string Dimension(FakeCost c, string name) => name switch
    {
        "ResourceId" => c.ResourceId,
        "ResourceLocation" => c.Location,
        "ResourceGroupName" => c.ResourceId.Split('/')[4],
        _ => throw new InvalidOperationException($"The fake Cost Management does not group by {name}."),
    };

    private async Task GenerateAsync(HttpContext context)
    {
        var scope = $"/providers/microsoft.billing/billingaccounts/{((string)context.Request.RouteValues["account"]!).ToLowerInvariant()}";
        using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        if (TryThrottle(out var throttle))
        {
            await Throttled(context, throttle);
            return;
        }
        var period = body.RootElement.GetProperty("timePeriod");
        var operation = new Operation(scope, body.RootElement.GetProperty("metric").GetString()!,
            DateOnly.Parse(period.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
            DateOnly.Parse(period.GetProperty("end").GetString()!, CultureInfo.InvariantCulture), PollsBeforeReady);
        var id = Guid.NewGuid().ToString();
        lock (_gate) _operations[id] = operation;
        Accepted(context, scope, id);
    }

    private async Task PollAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["operation"]!;
        Operation? operation;
        lock (_gate) _operations.TryGetValue(id, out operation);
        if (operation is null)
        {
            await FakeAzureServer.Error(context, 404, "NotFound", "No such operation.");
            return;
        }
        if (operation.PollsLeft > 0)
        {
            operation.PollsLeft--;
            Accepted(context, operation.Scope, id);
            return;
        }
        var file = CostDetailsFiles.GetValueOrDefault((operation.Scope, new DateOnly(operation.Start.Year, operation.Start.Month, 1)));
        var blobs = file is null ? [] : new[]
        {
            new { blobLink = $"{context.Request.Scheme}://{context.Request.Host}/fake-blobs/{id}/part_0_0001.csv?sv=2020-08-04&se=2026-12-01T00%3A00%3A00Z&sr=b&sp=r&sig=fake", byteCount = new FileInfo(file).Length },
        };
        await FakeAzureServer.Json(context, new
        {
            id = $"{operation.Scope}/providers/Microsoft.CostManagement/costDetailsOperationResults/{id}",
            name = id,
            status = file is null ? "NoDataFound" : "Completed",
            manifest = new
            {
                manifestVersion = "2024-08-01",
                dataFormat = "Csv",
                byteCount = blobs.Sum(b => b.byteCount),
                blobCount = blobs.Length,
                compressData = false,
                requestContext = new
                {
                    requestScope = operation.Scope,
                    requestBody = new { metric = operation.Metric, timePeriod = new { start = $"{operation.Start:yyyy-MM-dd}", end = $"{operation.End:yyyy-MM-dd}" } },
                },
                blobs,
            },
            validTill = "2026-12-31T00:00:00Z",
        });
    }

    private async Task BlobAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["operation"]!;
        Operation? operation;
        lock (_gate) _operations.TryGetValue(id, out operation);
        if (operation is null || !context.Request.Query.ContainsKey("sig")
            || CostDetailsFiles.GetValueOrDefault((operation.Scope, new DateOnly(operation.Start.Year, operation.Start.Month, 1))) is not { } file)
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.ContentType = "text/csv";
        await context.Response.SendFileAsync(file, context.RequestAborted);
    }

    private void Accepted(HttpContext context, string scope, string id)
    {
        context.Response.StatusCode = 202;
        context.Response.Headers.Location =
            $"{context.Request.Scheme}://{context.Request.Host}{scope}/providers/Microsoft.CostManagement/costDetailsOperationResults/{id}?api-version=2025-03-01";
        context.Response.Headers.RetryAfter = PollSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private bool TryThrottle(out FakeThrottle throttle)
    {
        lock (_gate) return Throttles.TryDequeue(out throttle!);
    }

    private static Task Throttled(HttpContext context, FakeThrottle throttle)
    {
        foreach (var (name, value) in throttle.Headers) context.Response.Headers[name] = value;
        return FakeAzureServer.Error(context, 429, "429", "Too many requests. Please retry.");
    }

    private sealed class Operation(string scope, string metric, DateOnly start, DateOnly end, int polls)
    {
        public string Scope { get; } = scope;
        public string Metric { get; } = metric;
        public DateOnly Start { get; } = start;
        public DateOnly End { get; } = end;
        public int PollsLeft { get; set; } = polls;
    }
}
