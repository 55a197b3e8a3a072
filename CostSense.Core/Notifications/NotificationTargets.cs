using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using CostSense.Core.Data.Entities;
using CostSense.Core.Reports.Delivery;
using Microsoft.AspNetCore.DataProtection;

namespace CostSense.Core.Notifications;

/// <summary>
/// A channel's target: checked, protected at rest and shown only by a hint. A webhook URL is a credential (whoever has it
/// can post to the team's channel), so it is stored only protected with the app's data-protection key ring (purpose
/// <see cref="Purpose"/>; the key ring lives in the store, so every instance can read it, as the export container's
/// connection string), and the page sees only its host.
/// </summary>
public sealed class NotificationTargets(IDataProtectionProvider protection)
{
    /// <summary>The data-protection purpose of stored targets.</summary>
    public const string Purpose = "CostSense.NotificationChannel";

    public const int MaxUrlLength = 2000;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Protect(string target) => _protector.Protect(target);

    /// <exception cref="NotificationException">The key ring that protected it is gone: the Admin must enter it again.</exception>
    public string Unprotect(string protectedTarget)
    {
        try
        {
            return _protector.Unprotect(protectedTarget);
        }
        catch (CryptographicException)
        {
            throw new NotificationException("The channel's saved target can no longer be decrypted (the app's data-protection keys changed). Edit the channel and enter it again.");
        }
    }

    /// <summary>
    /// The target of <paramref name="kind"/> checked and normalised (a URL, or recipients joined by commas), and its hint.
    /// </summary>
    /// <exception cref="NotificationException">What is wrong with it, naming the field.</exception>
    public static (string Target, string Hint) Check(NotificationChannelKind kind, string? target)
    {
        if (kind == NotificationChannelKind.Email)
        {
            var recipients = MailAddresses.Split(target);
            if (recipients.Count == 0) throw new NotificationException("Recipients: give at least one e-mail address.");
            if (recipients.Count > MailAddresses.MaxRecipients)
                throw new NotificationException($"Recipients: at most {MailAddresses.MaxRecipients} addresses.");
            var bad = recipients.Where(r => !MailAddresses.IsValid(r)).ToList();
            if (bad.Count > 0) throw new NotificationException($"Recipients: not an e-mail address: {string.Join(", ", bad)}.");
            return (string.Join(",", recipients), recipients.Count == 1 ? "1 recipient" : $"{recipients.Count} recipients");
        }

        var text = target?.Trim() ?? "";
        if (text.Length == 0) throw new NotificationException("Webhook URL: give the address the channel's service gave you.");
        if (text.Length > MaxUrlLength) throw new NotificationException($"Webhook URL: longer than {MaxUrlLength} characters.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
            throw new NotificationException("Webhook URL: not a valid https:// address.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new NotificationException("Webhook URL: must start with https:// (plain http is allowed only for this machine, localhost).");
        return (uri.ToString(), Hint(uri));
    }

    /// <summary>What the page shows of a URL: its host (and a port that is not the scheme's own).</summary>
    public static string Hint(Uri uri) => uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
