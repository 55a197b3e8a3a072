using System.Collections.Concurrent;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// Makes a sign-in with an e-mail that has no account indistinguishable from a wrong password: a decoy hash to verify
/// against (the same work as a real one), and failures counted per e-mail so an unknown address reaches the lockout
/// page after as many tries as a real account does. Counts live in this instance's memory, bounded; the per-address
/// sign-in rate limit bounds how fast anyone can fill them.
/// </summary>
public sealed class UnknownAccounts(IOptions<PasswordHasherOptions> hashing, IOptions<AuthOptions> auth, TimeProvider time)
{
    private const int MaxTracked = 10_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<string> _decoyHash = new(() =>
        new PasswordHasher<CostSenseUser>(hashing).HashPassword(new CostSenseUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>A hash made with the same algorithm and work factor as real accounts', of a password nobody knows.</summary>
    public string DecoyHash => _decoyHash.Value;

    public bool IsLockedOut(string email) =>
        _failures.TryGetValue(email, out var f) && f.LockedUntil > time.GetUtcNow();

    /// <returns>Whether this failure locked the e-mail out, as Identity locks an account after its last allowed failure.</returns>
    public bool RecordFailure(string email)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxTracked) Prune(now);
        var updated = _failures.AddOrUpdate(email, _ => Next(new Failures(0, null, now), now), (_, f) => Next(f, now));
        return updated.LockedUntil > now && updated.Count == 0;
    }

    private Failures Next(Failures f, DateTimeOffset now)
    {
        var o = auth.Value;
        var count = f.Count + 1;
        // Identity resets the count when it locks; so does this.
        return count >= o.MaxFailedAccessAttempts
            ? new Failures(0, now.AddMinutes(o.LockoutMinutes), now)
            : new Failures(count, f.LockedUntil, now);
    }

    /// <summary>Forgets e-mails nobody tried for a lockout period; if that is not enough, starts over.</summary>
    private void Prune(DateTimeOffset now)
    {
        var stale = now.AddMinutes(-auth.Value.LockoutMinutes);
        foreach (var (email, f) in _failures)
            if (f.LastAttempt < stale && !(f.LockedUntil > now)) _failures.TryRemove(email, out _);
        if (_failures.Count >= MaxTracked) _failures.Clear();
    }

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil, DateTimeOffset LastAttempt);
}
