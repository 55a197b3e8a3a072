using MimeKit;

namespace CostSense.Core.Reports.Delivery;

/// <summary>Hands one message to the mail system; throws when the server refuses it or cannot be reached.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
