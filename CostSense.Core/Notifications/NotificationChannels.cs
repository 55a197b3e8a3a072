using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Reports.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Notifications;

/// <summary>
/// Notification channels as the settings page manages them, Admins only (<see cref="Permission.ManageSettings"/>, checked
/// against the store's current roles for every change), each change audited in the same unit of work. The target is
/// protected before it is stored and never returned: pages and the audit see its hint. "Test" sends a test alert at once
/// and returns what the receiver said; the delivery log lists every attempt's outcome, newest first.
/// </summary>
public sealed class NotificationChannels(IDbContextFactory<CostSenseDbContext> dbFactory, CurrentPermissions permissions, AuditTrail audit,
    NotificationTargets targets, NotificationSender sender, IOptions<SmtpOptions> smtp, TimeProvider time)
{
    public const int MaxLog = 500;
    public const int MaxName = 200;

    /// <summary>Why e-mail channels cannot be used (which settings to set), or null when SMTP is configured.</summary>
    public string? EmailOffReason => smtp.Value.OffReason;

    public async Task<IReadOnlyList<NotificationChannelView>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.Demand(Permission.ManageSettings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.NotificationChannels.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(ct);
        return rows.Select(NotificationChannelView.Of).ToList();
    }

    /// <summary>The last <paramref name="take"/> deliveries, newest first (ids grow with time).</summary>
    public async Task<IReadOnlyList<NotificationDelivery>> DeliveryLogAsync(Actor actor, int take, CancellationToken ct)
    {
        actor.Demand(Permission.ManageSettings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NotificationDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, MaxLog)).ToListAsync(ct);
    }

    /// <summary>The last alert check on any instance (when, and what failed), or null before the first.</summary>
    public async Task<AlertCheckRun?> LastCheckAsync(Actor actor, CancellationToken ct)
    {
        actor.Demand(Permission.ManageSettings);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertCheckRuns.AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
    }

    /// <exception cref="NotificationException">The draft is not valid (the message names the field).</exception>
    /// <exception cref="AccessDeniedException">The actor is not an Admin.</exception>
    public async Task<NotificationChannelView> CreateAsync(Actor actor, NotificationChannelDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageSettings, ct);
        var name = CheckDraft(draft);
        var (target, hint) = NotificationTargets.Check(draft.Kind, draft.Target);
        var c = new NotificationChannel
        {
            Name = name, Kind = draft.Kind, ProtectedTarget = targets.Protect(target), TargetHint = hint, Anomalies = draft.Anomalies,
            Budgets = draft.Budgets, MinAnomalyExcess = draft.MinAnomalyExcess, Enabled = draft.Enabled, CreatedBy = actor.Name,
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.NotificationChannels.Add(c);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.NotificationChannelCreate, c.Name, Describe(c)));
        await db.SaveChangesAsync(ct);
        return NotificationChannelView.Of(c);
    }

    /// <summary>Saves the draft over the channel; an empty target keeps the saved one (the kind must then stay the same).</summary>
    /// <exception cref="NotificationException">The draft is not valid, or the channel is gone.</exception>
    public async Task<NotificationChannelView> UpdateAsync(Actor actor, long id, NotificationChannelDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageSettings, ct);
        var name = CheckDraft(draft);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await FindAsync(db, id, ct);
        var before = Describe(c);
        if (!string.IsNullOrWhiteSpace(draft.Target))
        {
            var (target, hint) = NotificationTargets.Check(draft.Kind, draft.Target);
            (c.ProtectedTarget, c.TargetHint) = (targets.Protect(target), hint);
        }
        else if (draft.Kind != c.Kind)
            throw new NotificationException(draft.Kind == NotificationChannelKind.Email
                ? "Recipients: give the addresses for the new kind of channel."
                : "Webhook URL: give the address for the new kind of channel.");
        (c.Name, c.Kind, c.Anomalies, c.Budgets, c.MinAnomalyExcess, c.Enabled) =
            (name, draft.Kind, draft.Anomalies, draft.Budgets, draft.MinAnomalyExcess, draft.Enabled);
        (c.UpdatedBy, c.UpdatedAt) = (actor.Name, time.GetUtcNow());
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.NotificationChannelEdit, c.Name, $"{before} → {Describe(c)}"));
        await db.SaveChangesAsync(ct);
        return NotificationChannelView.Of(c);
    }

    /// <summary>Deletes the channel and its deliveries (pending ones with it, so nothing more is sent to it).</summary>
    public async Task DeleteAsync(Actor actor, long id, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageSettings, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await FindAsync(db, id, ct);
        db.NotificationChannels.Remove(c);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.NotificationChannelDelete, c.Name, Describe(c)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sends a test alert to the channel at once (enabled or not) and returns the outcome: sent, or the receiver's error.
    /// A failed test is retried like any delivery and shows in the log.
    /// </summary>
    public async Task<NotificationResult> TestAsync(Actor actor, long id, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageSettings, ct);
        long deliveryId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var c = await FindAsync(db, id, ct);
            if (c.Kind == NotificationChannelKind.Email && EmailOffReason is { } off) throw new NotificationException($"Cannot send a test. {off}");
            var now = time.GetUtcNow();
            var delivery = NotificationOutbox.New(c, NotificationBodies.Test(c.Name, "", now), now);
            db.NotificationDeliveries.Add(delivery);
            db.AuditEntries.Add(audit.Entry(actor, AuditActions.NotificationTest, c.Name, $"{c.Kind} to {c.TargetHint}"));
            await db.SaveChangesAsync(ct);
            deliveryId = delivery.Id;
        }
        var results = await sender.DeliverDueAsync([deliveryId], ct);
        return results.SingleOrDefault() ?? throw new NotificationException("The test was taken by another instance; its outcome is in the delivery log.");
    }

    private string CheckDraft(NotificationChannelDraft draft)
    {
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0) throw new NotificationException("Name: give the channel a name.");
        if (name.Length > MaxName) throw new NotificationException($"Name: longer than {MaxName} characters.");
        if (!Enum.IsDefined(draft.Kind)) throw new NotificationException("Kind: choose webhook, Teams, Slack or e-mail.");
        if (draft.Kind == NotificationChannelKind.Email && EmailOffReason is { } off) throw new NotificationException($"Kind: {off}");
        if (!draft.Anomalies && !draft.Budgets) throw new NotificationException("Events: choose anomalies, budget crossings or both.");
        if (draft.MinAnomalyExcess < 0) throw new NotificationException("Minimum excess: cannot be negative.");
        return name;
    }

    private static async Task<NotificationChannel> FindAsync(CostSenseDbContext db, long id, CancellationToken ct) =>
        await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new NotificationException("That channel no longer exists; reload the page.");

    /// <summary>The channel in the audit's words: never its target, only the hint.</summary>
    private static string Describe(NotificationChannel c)
    {
        var events = string.Join(" and ", new[] { c.Anomalies ? "anomalies" : null, c.Budgets ? "budgets" : null }.OfType<string>());
        return string.Create(CultureInfo.InvariantCulture,
            $"{c.Kind} to {c.TargetHint}, {events}, minimum excess {c.MinAnomalyExcess}, {(c.Enabled ? "enabled" : "disabled")}");
    }
}
