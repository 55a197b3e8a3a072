namespace CostSense.Core.Reports.Delivery;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions, by the names an operator knows).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on the same host or network.</summary>
    None,
    /// <summary>Upgrade with STARTTLS, and refuse a server that does not offer it (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>MailKit decides from the port, and uses STARTTLS when offered.</summary>
    Auto,
}
