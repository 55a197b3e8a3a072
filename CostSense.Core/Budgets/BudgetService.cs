using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Budgets;

/// <summary>
/// Budgets as the /budgets page, the dashboard card and the assistant read them, and as Analysts and Admins
/// (<see cref="Permission.ManageCostControls"/>, checked against the store's current roles) create, edit and delete
/// them, each change audited in the same unit of work. Figures come from <see cref="BudgetFigures"/>.
/// </summary>
public sealed class BudgetService(IDbContextFactory<CostSenseDbContext> dbFactory, ScopeCosts scopes, BudgetFigures figures,
    CurrentPermissions permissions, AuditTrail audit, TimeProvider time)
{
    public const int MaxCrossings = 500;

    /// <summary>Every budget, by name.</summary>
    public async Task<IReadOnlyList<Budget>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.Budgets.AsNoTracking().ToListAsync(ct);
        return list.OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Id).ToList();
    }

    public async Task<Budget?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
    }

    /// <summary>
    /// Every budget's status in the month of the latest data date (the current month of an empty store), by name. The
    /// month is the data's, not the clock's: cost arrives a day or more late, and the figures must agree with the dashboard.
    /// </summary>
    public async Task<BudgetOverview> StatusAsync(CancellationToken ct)
    {
        var latest = await figures.LatestAsync(ct);
        var month = BudgetMath.MonthOf(latest ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var budgets = await ListAsync(ct);
        var statuses = await figures.StatusAsync(budgets, month, latest, ct);
        return new BudgetOverview(month, latest, await scopes.CurrencyAsync(ct), statuses);
    }

    /// <summary>The budget's months against their amounts, oldest first.</summary>
    public async Task<IReadOnlyList<BudgetMonth>> HistoryAsync(long id, CancellationToken ct)
    {
        var b = await GetAsync(id, ct) ?? throw new BudgetException("That budget no longer exists; reload the page.");
        return await figures.HistoryAsync(b, await figures.LatestAsync(ct), ct);
    }

    /// <summary>Crossings newest first (of one budget, or of all), at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<BudgetCrossing>> CrossingsAsync(long? budgetId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.BudgetCrossings.AsNoTracking();
        if (budgetId is { } id) q = q.Where(c => c.BudgetId == id);
        // Newest first by month, then by id (ids grow with time and sort without provider-specific date handling).
        return await q.OrderByDescending(c => c.Month).ThenByDescending(c => c.Id).Take(Math.Clamp(take, 1, MaxCrossings)).ToListAsync(ct);
    }

    /// <summary>The scopes a budget may watch, of a kind (tag values of <paramref name="tagKey"/>), that have cost in the last year of data.</summary>
    public async Task<IReadOnlyList<CostScope>> ScopesAsync(CostScopeKind kind, string? tagKey, CancellationToken ct)
    {
        if (kind == CostScopeKind.Total) return [CostScope.Total];
        if (kind == CostScopeKind.Tag && string.IsNullOrWhiteSpace(tagKey)) return [];
        var latest = await figures.LatestAsync(ct);
        if (latest is not { } to) return [];
        return await scopes.ScopesAsync(kind, to.AddYears(-1), to, await scopes.CurrencyAsync(ct), tagKey, ct);
    }

    /// <summary>The tag keys with cost in the last year of data, most cost first.</summary>
    public async Task<IReadOnlyList<string>> TagKeysAsync(CancellationToken ct)
    {
        var latest = await figures.LatestAsync(ct);
        if (latest is not { } to) return [];
        return (await scopes.TagKeysAsync(to.AddYears(-1), to, await scopes.CurrencyAsync(ct), ct)).Select(k => k.Key).ToList();
    }

    /// <exception cref="BudgetException">The draft is not valid (the message names the field).</exception>
    public async Task<Budget> CreateAsync(Actor actor, BudgetDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        var v = await ValidateAsync(draft, ct);
        var b = new Budget
        {
            Name = v.Name, ScopeKind = v.Scope.Kind, ScopeKey = v.Scope.Key, ScopeName = v.Scope.Name, Amount = v.Amount, Currency = v.Currency,
            StartMonth = v.Start, EndMonth = v.End, ActualThresholds = v.Actual, ForecastThresholds = v.Forecast,
            CreatedBy = actor.Name, CreatedAt = time.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Budgets.Add(b);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.BudgetCreate, b.Name, Describe(b)));
        await db.SaveChangesAsync(ct);
        return b;
    }

    /// <summary>
    /// Changes the budget. Crossings already recorded stay (they were true when found, and were alerted); a higher amount
    /// simply crosses fewer thresholds from now on, a lower one more.
    /// </summary>
    /// <exception cref="BudgetException">The draft is not valid, or the budget is gone.</exception>
    public async Task<Budget> UpdateAsync(Actor actor, long id, BudgetDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var b = await FindAsync(db, id, ct);
        var v = await ValidateAsync(draft, ct, b);
        var before = Describe(b);
        (b.Name, b.ScopeKind, b.ScopeKey, b.ScopeName, b.Amount, b.Currency) = (v.Name, v.Scope.Kind, v.Scope.Key, v.Scope.Name, v.Amount, v.Currency);
        (b.StartMonth, b.EndMonth, b.ActualThresholds, b.ForecastThresholds) = (v.Start, v.End, v.Actual, v.Forecast);
        (b.UpdatedBy, b.UpdatedAt) = (actor.Name, time.GetUtcNow());
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.BudgetEdit, b.Name, $"{before} → {Describe(b)}"));
        await db.SaveChangesAsync(ct);
        return b;
    }

    /// <summary>Deletes the budget and its crossings.</summary>
    public async Task DeleteAsync(Actor actor, long id, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageCostControls, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var b = await FindAsync(db, id, ct);
        db.BudgetCrossings.RemoveRange(await db.BudgetCrossings.Where(c => c.BudgetId == id).ToListAsync(ct));
        db.Budgets.Remove(b);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.BudgetDelete, b.Name, Describe(b)));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Budget> FindAsync(CostSenseDbContext db, long id, CancellationToken ct) =>
        await db.Budgets.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new BudgetException("That budget no longer exists; reload the page.");

    private sealed record Valid(string Name, CostScope Scope, decimal Amount, string Currency, DateOnly Start, DateOnly? End, string Actual, string Forecast);

    /// <param name="existing">The budget being edited: its scope stays valid even once that scope's cost has aged out of the window.</param>
    private async Task<Valid> ValidateAsync(BudgetDraft d, CancellationToken ct, Budget? existing = null)
    {
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) throw new BudgetException("Name: give the budget a name.");
        if (name.Length > 200) throw new BudgetException("Name: at most 200 characters.");
        if (d.Amount <= 0) throw new BudgetException("Amount: must be more than zero.");
        if (d.Amount > 1_000_000_000_000m) throw new BudgetException("Amount: at most 1,000,000,000,000.");
        if (decimal.Round(d.Amount, 2) != d.Amount) throw new BudgetException("Amount: at most two decimals (cents).");
        if (d.StartMonth.Year is < 2000 or > 2100) throw new BudgetException("Month: choose a month between 2000 and 2100.");
        var start = BudgetMath.MonthOf(d.StartMonth);
        DateOnly? end = start;
        if (d.Recurring)
        {
            end = d.EndMonth is { } e ? BudgetMath.MonthOf(e) : null;
            if (end is { } last && last < start) throw new BudgetException("Last month: must not be before the first month.");
            if (end is { Year: > 2100 }) throw new BudgetException("Last month: choose a month before 2101.");
        }
        var actual = BudgetThresholds.Parse(d.ActualThresholds, "Actual thresholds");
        var forecast = BudgetThresholds.Parse(d.ForecastThresholds, "Forecast thresholds");
        var currency = await scopes.CurrencyAsync(ct);
        var scope = await ResolveScopeAsync(d.ScopeKind, d.ScopeKey, currency, existing, ct);
        return new Valid(name, scope, d.Amount, currency, start, end, BudgetThresholds.Format(actual), BudgetThresholds.Format(forecast));
    }

    /// <summary>The scope named by kind and key, as the store knows it (with its current name), or a message naming the field.</summary>
    private async Task<CostScope> ResolveScopeAsync(CostScopeKind kind, string? key, string currency, Budget? existing, CancellationToken ct)
    {
        if (kind == CostScopeKind.Total) return CostScope.Total;
        if (kind is not (CostScopeKind.Subscription or CostScopeKind.ResourceGroup or CostScopeKind.Tag))
            throw new BudgetException("Scope: choose the whole tenant, a subscription, a resource group or a tag value.");
        key = key?.Trim() ?? "";
        if (key.Length == 0) throw new BudgetException($"Scope: choose a {KindName(kind)}.");
        string? tagKey = null;
        if (kind == CostScopeKind.Tag)
        {
            var (k, value) = CostScope.SplitTag(key);
            if (!key.Contains('=') || k.Length == 0 || value.Length == 0) throw new BudgetException("Scope: choose a tag key and one of its values.");
            tagKey = CostTags.NormalizeKey(k);
            key = CostScope.Tag(tagKey, value).Key;
        }
        if (existing is not null && existing.ScopeKind == kind && existing.ScopeKey == key) return BudgetFigures.ScopeOf(existing);
        // The scopes the pickers offer: cost in the last year of data (reading every day ever stored would cost more than it tells).
        var latest = await figures.LatestAsync(ct) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var known = await scopes.ScopesAsync(kind, latest.AddYears(-1), latest, currency, tagKey, ct);
        return known.FirstOrDefault(s => s.Key == key)
            ?? throw new BudgetException($"Scope: no {KindName(kind)} \"{(key.Length > 80 ? key[..80] + "…" : key)}\" has cost in the last year of data.");
    }

    private static string KindName(CostScopeKind kind) => kind switch
    {
        CostScopeKind.Subscription => "subscription",
        CostScopeKind.ResourceGroup => "resource group",
        CostScopeKind.Tag => "tag value",
        _ => "scope",
    };

    private static string Describe(Budget b) => string.Create(CultureInfo.InvariantCulture,
        $"{new CostScope(b.ScopeKind, b.ScopeKey, b.ScopeName).Describe()}, {MoneyFormat.Format(b.Amount, b.Currency)} a month, {Period(b)}, actual {b.ActualThresholds}%, forecast {b.ForecastThresholds}%");

    /// <summary>"November 2026", "monthly from November 2026", "monthly November 2026 – March 2027".</summary>
    public static string Period(Budget b) => b.EndMonth == b.StartMonth ? MonthName(b.StartMonth)
        : b.EndMonth is { } end ? $"monthly {MonthName(b.StartMonth)} – {MonthName(end)}"
        : $"monthly from {MonthName(b.StartMonth)}";

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
