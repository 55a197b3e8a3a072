using System.Net;
using System.Security.Cryptography;
using System.Text;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Reports.Delivery;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Notifications;

/// <summary>
/// Sends due notifications exactly once across any number of instances: a delivery belongs to the instance whose
/// conditional update takes its lease (as <see cref="ReportDeliverySender"/> does), and only the holder of the lease
/// records the result. Webhooks are POSTed through the named <see cref="ClientName"/> client (its own timeout, no request
/// logging: the URL is a credential); e-mail goes through the report deliveries' SMTP transport. A failure is tried
/// again after <see cref="NotificationOptions.BackOff"/>, up to <see cref="NotificationOptions.MaxAttempts"/> attempts.
/// The log records the status code and the start of the receiver's reply, never the URL.
/// </summary>
public sealed class NotificationSender(IDbContextFactory<CostSenseDbContext> dbFactory, NotificationTargets targets, IHttpClientFactory http,
    IMailTransport mail, IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationSender> log)
{
    /// <summary>The named HttpClient webhooks are posted with.</summary>
    public const string ClientName = "CostSense.Notifications";

    // One pass sends at most this many; the rest wait for the next tick.
    private const int PassSize = 200;
    private const int ReplyLength = 200;

    /// <summary>Sends every delivery that is due (or only <paramref name="only"/>), each claimed first; the results of this instance's attempts.</summary>
    public async Task<IReadOnlyList<NotificationResult>> DeliverDueAsync(IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<long> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var query = db.NotificationDeliveries.AsNoTracking().Where(d =>
                (d.Status == NotificationStatus.Pending || d.Status == NotificationStatus.Failed)
                && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now));
            if (only is not null) query = query.Where(d => only.Contains(d.Id));
            candidates = await query.OrderBy(d => d.Id).Select(d => d.Id).Take(PassSize).ToListAsync(ct);
        }
        var results = new List<NotificationResult>();
        foreach (var id in candidates)
            if (await ClaimAsync(id, ct) is var (delivery, channel, lease))
                results.Add(await SendOneAsync(delivery, channel, lease, ct));
        return results;
    }

    private async Task<NotificationResult> SendOneAsync(NotificationDelivery d, NotificationChannel? channel, DateTimeOffset lease, CancellationToken ct)
    {
        if (channel is null) return await RecordAsync(d, lease, "The channel was deleted.", giveUp: true);
        if (!channel.Enabled && d.AlertKind != AlertKind.Test) return await RecordAsync(d, lease, "The channel was disabled before it was sent.", giveUp: true);
        string? target = null;
        try
        {
            target = targets.Unprotect(channel.ProtectedTarget);
            var alert = NotificationBodies.FromPayload(d.Payload);
            var link = options.Value.AbsoluteLink(alert.Link);
            var error = channel.Kind == NotificationChannelKind.Email
                ? await EmailAsync(d, alert, link, target, ct)
                : await PostAsync(channel.Kind, alert, link, target, ct);
            if (error is not null)
            {
                log.LogWarning("Notification {Id} to channel {Channel} failed (attempt {Attempt}): {Error}", d.Id, channel.Name, d.Attempts, error);
                return await RecordAsync(d, lease, error, giveUp: false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = Redact(Describe(e), target);
            log.LogWarning("Notification {Id} to channel {Channel} failed (attempt {Attempt}): {Error}", d.Id, channel.Name, d.Attempts, error);
            return await RecordAsync(d, lease, error, giveUp: e is NotificationException);
        }
        return await RecordAsync(d, lease, null, giveUp: false);
    }

    /// <summary>POSTs the body; null when the receiver took it (2xx), else the status and the start of its reply.</summary>
    private async Task<string?> PostAsync(NotificationChannelKind kind, Alert alert, string? link, string url, CancellationToken ct)
    {
        var body = NotificationBodies.Webhook(kind, alert, link, time.GetUtcNow());
        var client = http.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.IsSuccessStatusCode) return null;
        // Redacted before it is cut short, so a cut cannot leave part of the URL behind.
        var reply = Redact(await ReplyAsync(response, ct), url);
        reply = reply.Length <= ReplyLength ? reply : reply[..ReplyLength] + "…";
        var status = $"HTTP {(int)response.StatusCode} {ReasonOf(response.StatusCode, response.ReasonPhrase)}";
        return reply.Length == 0 ? status : $"{status}: {reply}";
    }

    /// <summary>
    /// The start of the receiver's reply (a few KB at most, read within the request timeout on the app's clock): enough to
    /// say why it refused, never a huge or endless body held in memory.
    /// </summary>
    private async Task<string> ReplyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(both.Token);
            var buffer = new byte[4096];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), both.Token)) > 0) length += read;
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return "";
        }
    }

    private async Task<string?> EmailAsync(NotificationDelivery d, Alert alert, string? link, string recipients, CancellationToken ct)
    {
        if (smtp.Value.OffReason is { } off) return off;
        SmtpOptionsValidator.TryParseSender(smtp.Value.From ?? "", out var from);
        // The same Message-Id on every attempt, so a resend after a crash is recognisable as a duplicate.
        var messageId = $"costsense-alert-{d.Id}@{(string.IsNullOrEmpty(from.Domain) ? "costsense.local" : from.Domain)}";
        var message = NotificationBodies.Email(alert, link, from, recipients.Split(',', StringSplitOptions.RemoveEmptyEntries), messageId);
        await mail.SendAsync(message, ct);
        return null;
    }

    /// <summary>Records the attempt's outcome, if this claim still holds the lease: sent (error null), failed with a retry due, or given up.</summary>
    private async Task<NotificationResult> RecordAsync(NotificationDelivery d, DateTimeOffset lease, string? error, bool giveUp)
    {
        var now = time.GetUtcNow();
        NotificationStatus status;
        DateTimeOffset? next = null;
        if (error is null) status = NotificationStatus.Sent;
        else if (giveUp || d.Attempts >= options.Value.MaxAttempts) status = NotificationStatus.GaveUp;
        else
        {
            status = NotificationStatus.Failed;
            next = now + options.Value.BackOff(d.Attempts);
        }
        if (error is not null && error.Length > 1000) error = error[..999] + "…";
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        // CancellationToken.None: the receiver has the message; recording it must not be cut short, or it would go again.
        await db.NotificationDeliveries.Where(x => x.Id == d.Id && x.LockedUntil == lease).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Error, error)
            .SetProperty(x => x.SentAt, error is null ? now : (DateTimeOffset?)null)
            .SetProperty(x => x.NextAttemptAt, next ?? d.NextAttemptAt)
            .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        if (status == NotificationStatus.Sent) log.LogInformation("Notification {Id} sent to channel {Channel}", d.Id, d.ChannelName);
        return new NotificationResult(d.Id, d.ChannelName, d.Title, status, d.Attempts, error, next);
    }

    /// <summary>Takes the delivery's lease if nobody holds it and it is due: the delivery as claimed (attempt counted), its channel, the lease.</summary>
    private async Task<(NotificationDelivery, NotificationChannel?, DateTimeOffset)?> ClaimAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A lease unique to this claim (ticks plus a random few), so recording the result only touches the row this claim holds.
        var lease = now + options.Value.Lease + TimeSpan.FromTicks(RandomNumberGenerator.GetInt32(1, 1_000_000));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.NotificationDeliveries.Where(x => x.Id == id
                && (x.Status == NotificationStatus.Pending || x.Status == NotificationStatus.Failed)
                && x.NextAttemptAt <= now && (x.LockedUntil == null || x.LockedUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.LockedUntil, lease)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
        if (rows != 1) return null;
        var claimed = await db.NotificationDeliveries.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == claimed.ChannelId, ct);
        return (claimed, channel, lease);
    }

    /// <summary>The failure in words: the SMTP reply, a timeout, or the exception's message; <see cref="Redact"/> removes any URL.</summary>
    private string Describe(Exception e) => e switch
    {
        TaskCanceledException or TimeoutException => $"No answer within {options.Value.RequestTimeoutSeconds} s.",
        HttpRequestException h => $"Could not reach the receiver: {h.Message}",
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        SmtpProtocolException p => $"SMTP protocol error: {p.Message}",
        NotificationException n => n.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static string ReasonOf(HttpStatusCode code, string? phrase) => string.IsNullOrWhiteSpace(phrase) ? code.ToString() : phrase;

    /// <summary>Takes the target (and its path, which holds the webhook's secret) out of a text that may quote it.</summary>
    public static string Redact(string text, string? target)
    {
        if (string.IsNullOrEmpty(target) || string.IsNullOrEmpty(text)) return text;
        text = text.Replace(target, "(the webhook URL)", StringComparison.OrdinalIgnoreCase);
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length > 1)
            text = text.Replace(uri.PathAndQuery, "/…", StringComparison.OrdinalIgnoreCase);
        return text;
    }
}
