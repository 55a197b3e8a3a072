using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using MimeKit;

namespace CostSense.Core.Notifications;

/// <summary>
/// An alert in each channel's format: a generic JSON body; a Microsoft Teams message carrying an Adaptive Card (the shape
/// Teams incoming webhooks made with Workflows accept: <c>{"type":"message","attachments":[{"contentType":
/// "application/vnd.microsoft.card.adaptive","content":{…}}]}</c>); a Slack incoming-webhook body (<c>text</c> as the
/// fallback, <c>blocks</c> for the layout); an e-mail. Built at each attempt from the payload stored with the delivery.
/// </summary>
public static class NotificationBodies
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The alert as stored with a delivery.</summary>
    public static string Payload(Alert alert) => JsonSerializer.Serialize(alert, Json);

    public static Alert FromPayload(string payload) =>
        JsonSerializer.Deserialize<Alert>(payload, Json) ?? throw new InvalidOperationException("The delivery's payload is empty.");

    /// <summary>The body to POST to a webhook of <paramref name="kind"/>; <paramref name="link"/> is the absolute link or null.</summary>
    public static string Webhook(NotificationChannelKind kind, Alert alert, string? link, DateTimeOffset sentAt) => kind switch
    {
        NotificationChannelKind.Teams => Teams(alert, link).ToJsonString(),
        NotificationChannelKind.Slack => Slack(alert, link).ToJsonString(),
        NotificationChannelKind.Webhook => Generic(alert, link, sentAt).ToJsonString(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a webhook."),
    };

    /// <summary>A flat JSON object any receiver can read: what, how much, the facts and the link.</summary>
    public static JsonObject Generic(Alert alert, string? link, DateTimeOffset sentAt) => new()
    {
        ["source"] = "CostSense",
        ["key"] = alert.Key,
        ["kind"] = Kind(alert.Kind),
        ["title"] = alert.Title,
        ["text"] = alert.Text,
        ["amount"] = alert.Amount,
        ["currency"] = alert.Currency,
        ["facts"] = new JsonArray(alert.Facts.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value }).ToArray()),
        ["link"] = link,
        ["sentAt"] = sentAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>A Teams message with one Adaptive Card (1.4: what Teams renders everywhere): title, text, facts, a link button.</summary>
    public static JsonObject Teams(Alert alert, string? link)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Text, ["wrap"] = true },
        };
        if (alert.Facts.Count > 0)
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(alert.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Name, ["value"] = f.Value }).ToArray()),
            });
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (link is not null)
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in CostSense", ["url"] = link });
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
    }

    /// <summary>A Slack message: <c>text</c> (notifications and old clients), then a header, the text, the facts as fields, the link.</summary>
    public static JsonObject Slack(Alert alert, string? link)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(alert.Title, 150) } },
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(Escape(alert.Text), 3000) } },
        };
        if (alert.Facts.Count > 0)
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                // Slack takes at most 10 fields per section.
                ["fields"] = new JsonArray(alert.Facts.Take(10).Select(f => (JsonNode)new JsonObject
                {
                    ["type"] = "mrkdwn", ["text"] = Cut($"*{Escape(f.Name)}*\n{Escape(f.Value)}", 2000),
                }).ToArray()),
            });
        if (link is not null)
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"<{link}|Open in CostSense>" }),
            });
        return new JsonObject { ["text"] = $"{Escape(alert.Title)}: {Escape(alert.Text)}", ["blocks"] = blocks };
    }

    /// <summary>An e-mail with the alert as its subject and the text, facts and link in plain text and HTML.</summary>
    public static MimeMessage Email(Alert alert, string? link, MailboxAddress from, IEnumerable<string> recipients, string messageId)
    {
        var message = new MimeMessage { Subject = $"CostSense: {alert.Title}", MessageId = messageId };
        message.From.Add(from);
        foreach (var r in recipients) message.To.Add(MailboxAddress.Parse(r));

        var text = new StringBuilder().AppendLine(alert.Title).AppendLine().AppendLine(alert.Text).AppendLine();
        foreach (var f in alert.Facts) text.AppendLine($"{f.Name}: {f.Value}");
        if (link is not null) text.AppendLine().AppendLine($"Open in CostSense: {link}");

        static string E(string v) => WebUtility.HtmlEncode(v);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif;color:#1f2937\">")
            .Append($"<h2 style=\"font-size:18px\">{E(alert.Title)}</h2><p>{E(alert.Text)}</p>");
        if (alert.Facts.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse\">");
            foreach (var f in alert.Facts)
                html.Append($"<tr><td style=\"padding:2px 12px 2px 0;color:#6b7280\">{E(f.Name)}</td><td style=\"padding:2px 0\">{E(f.Value)}</td></tr>");
            html.Append("</table>");
        }
        if (link is not null) html.Append($"<p><a href=\"{E(link)}\">Open in CostSense</a></p>");
        html.Append("</body></html>");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    /// <summary>The test alert a channel's "Test" button sends: unique each time, so it is never refused as a duplicate.</summary>
    public static Alert Test(string channelName, string currency, DateTimeOffset now) => new(
        $"test:{Guid.NewGuid():N}", AlertKind.Test, "CostSense test notification",
        $"This is a test from CostSense: the channel \"{channelName}\" is set up and will receive alerts.",
        0m, currency, [new AlertFact("Channel", channelName), new AlertFact("Sent", now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))],
        null);

    /// <summary>The kind as the generic body names it.</summary>
    public static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.Anomaly => "anomaly",
        AlertKind.BudgetCrossing => "budget",
        _ => "test",
    };

    /// <summary>An amount as every alert prints it.</summary>
    public static string Amount(decimal amount, string currency) => MoneyFormat.Format(amount, currency);

    // Slack's mrkdwn gives &, < and > a meaning: escape them as Slack documents.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
