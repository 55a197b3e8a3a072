using System.Security.Cryptography;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Reports.Delivery;

/// <summary>
/// Turns due report subscriptions into deliveries and sends them, exactly once across any number of instances, with
/// the store deciding: an occurrence belongs to the instance whose conditional update moves the subscription's
/// NextDueAt from the value it read (the same transaction writes one delivery per recipient, unique per occurrence and
/// recipient); a delivery belongs to the instance whose conditional update takes its lease. A failed send is tried
/// again after a back-off, up to <see cref="ReportDeliveryOptions.MaxAttempts"/>; a sent one is never claimed again.
/// </summary>
public sealed class ReportDeliverySender(IDbContextFactory<CostSenseDbContext> dbFactory, SummaryDocuments documents, IMailTransport transport,
    IOptions<SmtpOptions> smtp, IOptions<ReportDeliveryOptions> options, TimeProvider time, ILogger<ReportDeliverySender> log)
{
    // One pass sends at most this many; the rest wait for the next tick.
    private const int PassSize = 200;

    public bool EmailOn => smtp.Value.IsConfigured;

    /// <summary>One tick of the worker: claim what is due, then send what is pending. Nothing at all while e-mail is off.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> RunOnceAsync(CancellationToken ct)
    {
        if (!EmailOn) return [];
        await ClaimDueAsync(ct);
        return await SendPendingAsync(null, ct);
    }

    /// <summary>
    /// Claims every enabled subscription whose NextDueAt has passed. Of several missed occurrences (the app was down) only
    /// the latest is delivered. Returns how many occurrences this instance won.
    /// </summary>
    public async Task<int> ClaimDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<ReportSubscription> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.ReportSubscriptions.AsNoTracking().Where(s => s.Enabled && s.NextDueAt <= now).OrderBy(s => s.Id).ToListAsync(ct);
        var won = 0;
        foreach (var s in due)
        {
            try
            {
                if (await ClaimOccurrenceAsync(s, now, ct)) won++;
            }
            catch (DbUpdateException e)
            {
                // The unique index refused a second copy of an occurrence: another instance wrote it. Nothing to do.
                log.LogInformation(e, "Report subscription {Id}'s occurrence was written by another instance", s.Id);
            }
        }
        return won;
    }

    private async Task<bool> ClaimOccurrenceAsync(ReportSubscription s, DateTimeOffset now, CancellationToken ct)
    {
        var hour = options.Value.SendHourUtc;
        var dueAt = ReportSchedule.LatestAtOrBefore(s.Frequency, now, hour);
        if (dueAt < s.NextDueAt) dueAt = s.NextDueAt; // the send hour was changed since: the occurrence that was due
        var next = ReportSchedule.NextAfter(s.Frequency, now, hour);
        var request = ReportSchedule.Request(s.Range, dueAt, s.SubscriptionId);
        var read = s.NextDueAt;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var rows = await db.ReportSubscriptions.Where(x => x.Id == s.Id && x.NextDueAt == read && x.Enabled)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.NextDueAt, next), c);
            if (rows != 1)
            {
                await tx.RollbackAsync(c);
                return false;
            }
            foreach (var recipient in s.RecipientList)
                db.ReportDeliveries.Add(NewDelivery(s, dueAt, manual: false, recipient, request, $"{s.CreatedBy} (scheduled)", now));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            log.LogInformation("Report subscription {Id} claimed its occurrence due {DueAt:u} for {Count} recipients; next due {Next:u}",
                s.Id, dueAt, s.RecipientList.Count, next);
            return true;
        }, ct);
    }

    /// <summary>A pending delivery of one occurrence to one recipient, ready to be claimed at once.</summary>
    public ReportDelivery NewDelivery(ReportSubscription s, DateTimeOffset dueAt, bool manual, string recipient, SummaryRequest request, string generatedBy, DateTimeOffset now) => new()
    {
        ReportSubscriptionId = s.Id,
        SubscriptionName = s.Name,
        DueAt = dueAt,
        Manual = manual,
        Recipient = recipient,
        From = request.From,
        To = request.To,
        ScopeSubscriptionId = request.SubscriptionId,
        GeneratedBy = generatedBy,
        Status = ReportDeliveryStatus.Pending,
        NextAttemptAt = now,
        MessageId = SummaryMail.MessageId(s.Id, dueAt, recipient, SenderDomain()),
        CreatedAt = now,
    };

    /// <summary>
    /// Sends the deliveries that are due to be tried (all of them, or only <paramref name="only"/>), each claimed first.
    /// The PDF is made once per occurrence, not once per recipient.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendPendingAsync(IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        if (!EmailOn) return [];
        var now = time.GetUtcNow();
        List<ReportDelivery> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var query = db.ReportDeliveries.AsNoTracking().Where(d =>
                (d.Status == ReportDeliveryStatus.Pending || d.Status == ReportDeliveryStatus.Failed)
                && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now));
            if (only is not null) query = query.Where(d => only.Contains(d.Id));
            candidates = await query.OrderBy(d => d.Id).Take(PassSize).ToListAsync(ct);
        }

        var results = new List<DeliveryResult>();
        foreach (var occurrence in candidates.GroupBy(d => (d.ReportSubscriptionId, d.DueAt, d.From, d.To, d.ScopeSubscriptionId, d.GeneratedBy)))
        {
            var claimed = new List<(ReportDelivery Delivery, DateTimeOffset Lease)>();
            foreach (var d in occurrence)
                if (await ClaimAsync(d.Id, ct) is { } lease) claimed.Add(lease);
            if (claimed.Count == 0) continue;

            RenderedSummary summary;
            try
            {
                var key = occurrence.Key;
                summary = await documents.CreateAsync(new SummaryRequest(key.From, key.To, key.ScopeSubscriptionId), key.GeneratedBy, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(e, "The summary for report subscription {Id} could not be made", occurrence.Key.ReportSubscriptionId);
                foreach (var (d, lease) in claimed) results.Add(await FailAsync(d, lease, $"The summary could not be made: {e.Message}", ct));
                continue;
            }

            foreach (var (d, lease) in claimed)
                results.Add(await SendOneAsync(d, lease, summary, ct));
        }
        return results;
    }

    private async Task<DeliveryResult> SendOneAsync(ReportDelivery d, DateTimeOffset lease, RenderedSummary summary, CancellationToken ct)
    {
        try
        {
            SmtpOptionsValidator.TryParseSender(smtp.Value.From ?? "", out var from);
            var message = SummaryMail.Create(summary, from, d.Recipient, d.MessageId, d.SubscriptionName);
            await transport.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Report delivery {Id} to {Recipient} failed (attempt {Attempt}): {Error}", d.Id, d.Recipient, d.Attempts, Describe(e));
            return await FailAsync(d, lease, Describe(e), ct);
        }

        var sentAt = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // CancellationToken.None: the server has the message; recording it must not be cut short, or it would go again.
        await db.ReportDeliveries.Where(x => x.Id == d.Id && x.LockedUntil == lease).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Status, ReportDeliveryStatus.Sent)
            .SetProperty(x => x.SentAt, sentAt)
            .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(x => x.Error, (string?)null), CancellationToken.None);
        log.LogInformation("Report delivery {Id} sent to {Recipient}", d.Id, d.Recipient);
        return new DeliveryResult(d.Id, d.Recipient, ReportDeliveryStatus.Sent, d.Attempts, null, null);
    }

    private async Task<DeliveryResult> FailAsync(ReportDelivery d, DateTimeOffset lease, string error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var gaveUp = d.Attempts >= options.Value.MaxAttempts;
        var status = gaveUp ? ReportDeliveryStatus.GaveUp : ReportDeliveryStatus.Failed;
        var next = now + ReportDeliveryOptions.BackOff(d.Attempts);
        error = error.Length <= 1000 ? error : error[..999] + "…";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReportDeliveries.Where(x => x.Id == d.Id && x.LockedUntil == lease).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Error, error)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        return new DeliveryResult(d.Id, d.Recipient, status, d.Attempts, error, gaveUp ? null : next);
    }

    /// <summary>Takes the delivery's lease if nobody holds it and it is due; the delivery as claimed (attempts counted) and the lease.</summary>
    private async Task<(ReportDelivery, DateTimeOffset)?> ClaimAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A lease unique to this claim (ticks plus a random few), so marking the result only touches the row this claim holds.
        var lease = now + options.Value.Lease + TimeSpan.FromTicks(RandomNumberGenerator.GetInt32(1, 1_000_000));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ReportDeliveries.Where(x => x.Id == id
                && (x.Status == ReportDeliveryStatus.Pending || x.Status == ReportDeliveryStatus.Failed)
                && x.NextAttemptAt <= now && (x.LockedUntil == null || x.LockedUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.LockedUntil, lease)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
        if (rows != 1) return null;
        var claimed = await db.ReportDeliveries.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        return (claimed, lease);
    }

    private string SenderDomain() =>
        SmtpOptionsValidator.TryParseSender(smtp.Value.From ?? "", out var from) ? from.Domain : "costsense.local";

    /// <summary>The failure in words: the SMTP server's status code and reply, or the exception's message; never a credential.</summary>
    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        SmtpProtocolException p => $"SMTP protocol error: {p.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
