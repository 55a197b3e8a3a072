using System.Text.Json;
using Azure.Core;
using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Sources.Azure.Prices;

/// <summary>
/// The prices step: the Azure Retail Prices API (public, no credential) for the VM sizes and regions in use
/// (<see cref="PricesInUse"/>) — pay-as-you-go Linux and Windows, Spot, 1- and 3-year reservations and savings plans, in US
/// dollars (Microsoft's pricing currency; the other currencies the API offers are only estimates, and the recommendations
/// compare currencies by ratio, see the commitment rule). Every page is read (<c>NextPageLink</c> to the end) before anything
/// is written; then the rows of the queried sizes and regions are replaced in one transaction, so a failed call leaves the
/// previous prices as they were.
/// </summary>
public sealed class AzurePricesStep(AzureConnection connection, IDbContextFactory<CostSenseDbContext> dbFactory, VmSizeCatalog catalog,
    TimeProvider time, ILogger<AzurePricesStep> log) : IAzureSyncStep
{
    /// <summary>A guard against a next-page link that never ends; far above what the queried sizes have.</summary>
    private const int MaxPagesPerQuery = 200;

    public AzureSyncStep Step => AzureSyncStep.Prices;

    public async Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
    {
        PricesInUse.Plan plan;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            plan = await PricesInUse.ReadAsync(db, catalog, ct);
        if (plan.Queries.Count == 0)
            return new AzureStepOutcome(0, "No VMs in the store yet: no prices to read.");

        var syncedAt = time.GetUtcNow();
        var items = new List<JsonElement>();
        foreach (var (query, i) in plan.Queries.Select((q, i) => (q, i)))
        {
            items.AddRange(await ReadAllPagesAsync(query, ct));
            context.Progress.Report($"{query.Region}: {i + 1} of {plan.Queries.Count} queries, {items.Count} price items read");
        }

        var wanted = plan.Queries.SelectMany(q => q.Sizes.Select(s => (s, q.Region))).ToHashSet();
        var rows = RetailPriceItems.Select(items, wanted, syncedAt);
        await ReplaceAsync(plan.Queries, rows, ct);

        var regions = plan.Queries.Select(q => q.Region).Distinct().Count();
        var sizes = rows.Select(r => r.ArmSkuName).Distinct().Count();
        var summary = $"{rows.Count} retail prices (USD) for {sizes} VM size{(sizes == 1 ? "" : "s")} in {regions} region{(regions == 1 ? "" : "s")}."
            + (plan.RegionsLeftOut.Count == 0 ? "" : $" Left out to keep the queries few: {string.Join(", ", plan.RegionsLeftOut)}.");
        log.LogInformation("Retail prices: {Rows} rows from {Items} items in {Queries} queries", rows.Count, items.Count, plan.Queries.Count);
        return new AzureStepOutcome(rows.Count, summary);
    }

    /// <summary>Every item of one query, following <c>NextPageLink</c> until it is null.</summary>
    private async Task<List<JsonElement>> ReadAllPagesAsync(RetailPriceQuery query, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        Uri? next = connection.RetailPricesUri(query.PathAndQuery);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            if (!seen.Add(next.AbsoluteUri) || seen.Count > MaxPagesPerQuery)
                throw new InvalidOperationException($"The Retail Prices API's pages for {query.Region} did not end (page {seen.Count}: {next}).");
            using var page = await AzureConnection.SendAsync(connection.Anonymous, RequestMethod.Get, next, null, ct)
                ?? throw new InvalidOperationException("The Retail Prices API answered without a body.");
            if (page.RootElement.TryGetProperty("Items", out var list) && list.ValueKind == JsonValueKind.Array)
                items.AddRange(list.EnumerateArray().Select(e => e.Clone()));
            next = page.RootElement.TryGetProperty("NextPageLink", out var link) && link.ValueKind == JsonValueKind.String && link.GetString() is { Length: > 0 } l
                ? OnTheEndpoint(new Uri(l, UriKind.Absolute))
                : null;
        }
        return items;
    }

    /// <summary>A next-page link is followed only on the configured endpoint's host (it is the API's own, with <c>$skip</c>).</summary>
    private Uri OnTheEndpoint(Uri link)
    {
        var endpoint = connection.Options.RetailPricesEndpoint;
        if (link.Scheme != Uri.UriSchemeHttps || !string.Equals(link.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase) || link.Port != endpoint.Port)
            throw new InvalidOperationException($"The Retail Prices API's next page is on another host ({link.Host}); it is not followed.");
        return link;
    }

    /// <summary>The queried sizes' and regions' rows replaced by <paramref name="rows"/>, in one transaction.</summary>
    private async Task ReplaceAsync(IReadOnlyList<RetailPriceQuery> queries, IReadOnlyList<RetailPrice> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            foreach (var region in queries.GroupBy(q => q.Region))
            {
                var sizes = region.SelectMany(q => q.Sizes).ToList();
                await db.RetailPrices.Where(p => p.Region == region.Key && sizes.Contains(p.ArmSkuName)).ExecuteDeleteAsync(c);
            }
            db.RetailPrices.AddRange(rows);
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
        }, ct);
    }
}
