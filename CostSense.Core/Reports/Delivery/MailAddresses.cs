using MimeKit;

namespace CostSense.Core.Reports.Delivery;

/// <summary>What counts as a recipient's address: one bare mailbox address, parsed by MimeKit, with a dot in its domain.</summary>
public static class MailAddresses
{
    public const int MaxRecipients = 20;

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 254) return false;
        address = address.Trim();
        if (!MailboxAddress.TryParse(address, out var parsed) || !string.Equals(parsed.Address, address, StringComparison.Ordinal)) return false;
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace) && address.IndexOf('.', at) > at + 1
               && !address.EndsWith('.');
    }

    /// <summary>Addresses from a text (one per line, or separated by commas or semicolons), trimmed, without duplicates.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
