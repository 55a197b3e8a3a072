using System.Text.Json;
using Azure.Core;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Sources.Azure.Advisor;

/// <summary>
/// Azure Advisor's cost recommendations of every subscription in scope, kept beside CostSense's own so the grids can say
/// where Advisor agrees, differs or sees something CostSense does not. Every subscription is read to its last page first;
/// only then are the stored Advisor rows of those subscriptions replaced, in one transaction, so a failure (a 403 on one
/// subscription, a dropped connection on page 7) leaves the previous rows as they were.
/// </summary>
public sealed class AdvisorStep(AzureConnection connection, IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time) : IAzureSyncStep
{
    /// <summary>Advisor's GA REST version with shortDescription, extendedProperties and resourceMetadata.</summary>
    public const string ApiVersion = "2023-01-01";

    public AzureSyncStep Step => AzureSyncStep.Advisor;

    public async Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
    {
        var syncedAt = time.GetUtcNow();
        var read = new List<AdvisorRecommendation>();
        foreach (var subscription in context.Subscriptions)
        {
            var rows = await ReadSubscriptionAsync(subscription, syncedAt, ct);
            read.AddRange(rows);
            context.Progress.Report($"Advisor: {rows.Count} cost recommendations in {subscription.DisplayName}");
        }
        // Advisor can list one recommendation twice across pages while it refreshes; the id is the key.
        var unique = read.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList();
        await ReplaceAsync(context.Subscriptions.Select(s => s.Id).ToList(), unique, ct);
        var missing = unique.Count(r => r.MonthlySavings is null && r.AnnualSavings is null);
        var words = $"{unique.Count} Advisor cost recommendations in {context.Subscriptions.Count} subscription{(context.Subscriptions.Count == 1 ? "" : "s")}";
        return new AzureStepOutcome(unique.Count, missing > 0 ? $"{words} ({missing} without a saving given)" : words);
    }

    private async Task<List<AdvisorRecommendation>> ReadSubscriptionAsync(AzureSubscription subscription, DateTimeOffset syncedAt, CancellationToken ct)
    {
        var rows = new List<AdvisorRecommendation>();
        Uri? next = connection.ResourceManagerUri(
            $"{subscription.Scope}/providers/Microsoft.Advisor/recommendations?api-version={ApiVersion}&$filter={Uri.EscapeDataString("Category eq 'Cost'")}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            // A nextLink that comes round again would loop for ever; Advisor's paging is finite.
            if (!seen.Add(next.AbsoluteUri)) throw new InvalidOperationException($"Advisor's paging of {subscription.Id} returned a nextLink already followed.");
            using var page = await AzureConnection.SendAsync(connection.ResourceManager, RequestMethod.Get, next, null, ct);
            next = null;
            if (page is null) break;
            if (page.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                foreach (var item in value.EnumerateArray())
                    if (AdvisorJson.Read(item, subscription.Id, syncedAt) is { } row)
                        rows.Add(row);
            if (page.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && link.GetString() is { Length: > 0 } l)
                next = new Uri(l);
        }
        return rows;
    }

    private async Task ReplaceAsync(IReadOnlyList<string> subscriptionIds, IReadOnlyList<AdvisorRecommendation> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await db.AdvisorRecommendations.Where(a => subscriptionIds.Contains(a.SubscriptionId)).ExecuteDeleteAsync(c);
            // An id Advisor now files under another subscription of the scope was deleted above; outside the scope it is kept.
            var ids = rows.Select(r => r.Id).ToList();
            await db.AdvisorRecommendations.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(c);
            db.AdvisorRecommendations.AddRange(rows);
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
        }, ct);
    }
}
