using System.Globalization;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Reports.Delivery;

/// <summary>
/// Report subscriptions as the /reports page manages them: anyone who reads may list them and the delivery log; Analysts
/// and Admins (<see cref="Permission.ManageData"/>, checked against the store's current roles) create, edit, delete and
/// "Send now", each change audited in the same unit of work.
/// </summary>
public sealed class ReportSubscriptions(IDbContextFactory<CostSenseDbContext> dbFactory, CurrentPermissions permissions, AuditTrail audit,
    ReportDeliverySender sender, IOptions<SmtpOptions> smtp, IOptions<ReportDeliveryOptions> options, TimeProvider time)
{
    public const int MaxLog = 500;

    /// <summary>Why e-mail is off (which settings to set), or null when it is on.</summary>
    public string? EmailOffReason => smtp.Value.OffReason;

    /// <summary>
    /// Which server e-mail goes through, without the password ("smtp.example.com:587 (StartTls) as reports, from …"), for
    /// those who configure it (ManageSettings); others learn only that it is on: hosts and accounts map the deployment.
    /// Null while e-mail is off.
    /// </summary>
    public string? SmtpSummary(Actor actor) => !smtp.Value.IsConfigured ? null
        : actor.Can(Permission.ManageSettings) ? smtp.Value.ToString() : "the SMTP server an Admin configured";

    public int SendHourUtc => options.Value.SendHourUtc;

    public async Task<IReadOnlyList<ReportSubscription>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.Demand(Permission.Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportSubscriptions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The last <paramref name="take"/> deliveries, newest first.</summary>
    public async Task<IReadOnlyList<ReportDelivery>> DeliveryLogAsync(Actor actor, int take, CancellationToken ct)
    {
        actor.Demand(Permission.Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Newest first by id: ids grow with time and sort without provider-specific date handling.
        return await db.ReportDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, MaxLog)).ToListAsync(ct);
    }

    /// <exception cref="ReportDeliveryException">The draft is not valid (the message says what to fix).</exception>
    public async Task<ReportSubscription> CreateAsync(Actor actor, ReportSubscriptionDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        var (name, recipients) = Validate(draft);
        var now = time.GetUtcNow();
        var s = new ReportSubscription
        {
            Name = name, Recipients = string.Join('\n', recipients), Frequency = draft.Frequency, SubscriptionId = Scope(draft.SubscriptionId),
            Range = draft.Range, Enabled = draft.Enabled, CreatedBy = actor.Name, CreatedAt = now,
            NextDueAt = ReportSchedule.NextAfter(draft.Frequency, now, options.Value.SendHourUtc),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ReportSubscriptions.Add(s);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.ReportSubscriptionCreate, s.Name, Describe(s)));
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <exception cref="ReportDeliveryException">The draft is not valid, or the subscription is gone.</exception>
    public async Task<ReportSubscription> UpdateAsync(Actor actor, long id, ReportSubscriptionDraft draft, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        var (name, recipients) = Validate(draft);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await FindAsync(db, id, ct);
        var before = Describe(s);
        var reschedule = s.Frequency != draft.Frequency || (!s.Enabled && draft.Enabled);
        (s.Name, s.Recipients, s.Frequency, s.SubscriptionId, s.Range, s.Enabled) =
            (name, string.Join('\n', recipients), draft.Frequency, Scope(draft.SubscriptionId), draft.Range, draft.Enabled);
        var now = time.GetUtcNow();
        // A new frequency, or a subscription enabled again, starts from its next due time: what it missed is not sent.
        if (reschedule) s.NextDueAt = ReportSchedule.NextAfter(s.Frequency, now, options.Value.SendHourUtc);
        (s.UpdatedBy, s.UpdatedAt) = (actor.Name, now);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.ReportSubscriptionEdit, s.Name, $"{before} → {Describe(s)}"));
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<ReportSubscription> SetEnabledAsync(Actor actor, long id, bool enabled, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await FindAsync(db, id, ct);
        return await UpdateAsync(actor, id, new ReportSubscriptionDraft(s.Name, s.Recipients, s.Frequency, s.SubscriptionId, s.Range, enabled), ct);
    }

    /// <summary>Deletes the subscription and its delivery log (pending deliveries with it, so nothing more is sent).</summary>
    public async Task DeleteAsync(Actor actor, long id, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await FindAsync(db, id, ct);
        db.ReportSubscriptions.Remove(s);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.ReportSubscriptionDelete, s.Name, Describe(s)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sends the subscription's summary now to each recipient (a manual occurrence: the range counted back from today),
    /// and returns each delivery's result; a failure is retried by the schedule like any other.
    /// </summary>
    /// <exception cref="ReportDeliveryException">E-mail is off (the message names the settings), or the subscription is gone.</exception>
    public async Task<IReadOnlyList<DeliveryResult>> SendNowAsync(Actor actor, long id, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        if (EmailOffReason is { } off) throw new ReportDeliveryException($"Cannot send now. {off}");
        var now = time.GetUtcNow();
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var s = await FindAsync(db, id, ct);
            var request = ReportSchedule.Request(s.Range, now, s.SubscriptionId);
            var deliveries = s.RecipientList.Select(r => sender.NewDelivery(s, now, manual: true, r, request, $"{actor.Name} (sent now)", now)).ToList();
            db.ReportDeliveries.AddRange(deliveries);
            db.AuditEntries.Add(audit.Entry(actor, AuditActions.ReportSendNow, s.Name,
                $"{SummaryFigures.Period(request.From, request.To)} to {string.Join(", ", s.RecipientList)}"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new ReportDeliveryException("This report was sent this very moment already; try again in a second.");
            }
            ids = deliveries.Select(d => d.Id).ToList();
        }
        return await sender.SendPendingAsync(ids, ct);
    }

    private static async Task<ReportSubscription> FindAsync(CostSenseDbContext db, long id, CancellationToken ct) =>
        await db.ReportSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new ReportDeliveryException("That report subscription no longer exists; reload the page.");

    private static (string Name, IReadOnlyList<string> Recipients) Validate(ReportSubscriptionDraft draft)
    {
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0) throw new ReportDeliveryException("Give the report subscription a name.");
        if (name.Length > 200) throw new ReportDeliveryException("The name is longer than 200 characters.");
        if (!Enum.IsDefined(draft.Frequency) || !Enum.IsDefined(draft.Range)) throw new ReportDeliveryException("Choose a frequency and a range.");
        var recipients = MailAddresses.Split(draft.Recipients);
        if (recipients.Count == 0) throw new ReportDeliveryException("Give at least one recipient's e-mail address.");
        if (recipients.Count > MailAddresses.MaxRecipients)
            throw new ReportDeliveryException($"At most {MailAddresses.MaxRecipients} recipients; {recipients.Count} were given.");
        var invalid = recipients.Where(r => !MailAddresses.IsValid(r)).ToList();
        if (invalid.Count > 0)
            throw new ReportDeliveryException($"Not an e-mail address: {string.Join(", ", invalid.Take(5).Select(r => r.Length > 60 ? r[..60] + "…" : r))}.");
        if (draft.SubscriptionId is { Length: > 200 }) throw new ReportDeliveryException("The subscription id is too long.");
        return (name, recipients);
    }

    private static string? Scope(string? subscriptionId) => string.IsNullOrWhiteSpace(subscriptionId) ? null : subscriptionId.Trim();

    private static string Describe(ReportSubscription s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Frequency}, {s.Range}, {s.SubscriptionId ?? "all subscriptions"}, {s.RecipientList.Count} recipient(s){(s.Enabled ? "" : ", disabled")}");
}
