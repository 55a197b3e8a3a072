using MimeKit;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Reports.Delivery;

/// <summary>
/// Checks on start what data annotations cannot: when a host is set, the sender must parse as one mailbox, so a typo stops
/// the app with the key named instead of failing every delivery at 06:00.
/// </summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.IsConfigured) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.From))
            errors.Add($"{SmtpOptions.Section}:From is required when {SmtpOptions.Section}:Host is set.");
        else if (!TryParseSender(options.From, out _))
            errors.Add($"{SmtpOptions.Section}:From must be an e-mail address or \"Name <address>\".");
        if (options.Port is < 1 or > 65535)
            errors.Add($"{SmtpOptions.Section}:Port must be between 1 and 65535.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>One mailbox with a plausible address (local part, '@', domain).</summary>
    public static bool TryParseSender(string text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (!MailboxAddress.TryParse(text.Trim(), out var parsed) || !MailAddresses.IsValid(parsed.Address)) return false;
        mailbox = parsed;
        return true;
    }
}
