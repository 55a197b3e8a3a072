using System.ComponentModel.DataAnnotations;

namespace CostSense.Web.Account;

/// <summary>The first administrator, created when the store has no user (section CostSense:Admin).</summary>
public sealed class AdminOptions
{
    public const string Section = "CostSense:Admin";

    [Required, EmailAddress] public string Email { get; set; } = "admin@costsense.local";

    /// <summary>When empty, a password is generated and written once to the log.</summary>
    [MinLength(12)] public string? Password { get; set; }
}
