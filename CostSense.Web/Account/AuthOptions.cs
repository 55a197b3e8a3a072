using System.ComponentModel.DataAnnotations;

namespace CostSense.Web.Account;

/// <summary>Sign-in rules (section CostSense:Auth).</summary>
public sealed class AuthOptions
{
    public const string Section = "CostSense:Auth";

    /// <summary>
    /// Lets anyone read without signing in, as a shared Viewer, for local demos. Off by default; never for a
    /// deployment that holds real cost data. Nothing that changes state is open to it.
    /// </summary>
    public bool AllowAnonymousRead { get; set; }

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    [Range(3, 20)] public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(1, 24 * 60)] public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Sign-in form posts one client address may make in a minute, whatever the accounts. Raise it when many people
    /// sign in from behind one address (a large office's NAT) at the same moment.
    /// </summary>
    [Range(1, 100_000)] public int SignInsPerMinute { get; set; } = 10;

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    [Range(1, 24 * 14)] public int SessionHours { get; set; } = 8;

    [Range(8, 128)] public int MinPasswordLength { get; set; } = 12;

    /// <summary>How often a signed-in session is checked against the store (role change, lock, password reset).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")] public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
