using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Reports.Delivery;

/// <summary>
/// The SMTP server report e-mails go through, section <c>CostSense:Smtp</c>. Without a Host, e-mail is off: the schedule
/// sends nothing and "Send now" says which settings to set. The password is read here and given to MailKit, never logged
/// or shown (<see cref="ToString"/> leaves it out).
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "CostSense:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender: an address, or "Name &lt;address&gt;".</summary>
    public string? From { get; set; }

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>E-mail is on when a host is set (the validator then insists on a valid From).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Why e-mail is off, in words for the page and "Send now"; null when it is on.</summary>
    public string? OffReason => IsConfigured ? null
        : $"E-mail is off: no SMTP server is configured. Set {Section}:Host and {Section}:From (and {Section}:Port, " +
          $"{Section}:Security, {Section}:UserName and {Section}:Password as the server needs), then restart the app.";

    public override string ToString() =>
        $"{Host}:{Port} ({Security}){(string.IsNullOrEmpty(UserName) ? "" : $" as {UserName}")}, from {From}";
}
