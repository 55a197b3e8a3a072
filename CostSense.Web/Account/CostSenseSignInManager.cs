using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// Identity's sign-in, with two changes. It does not reveal which e-mails have an account: an unknown e-mail and
/// an account without a password verify a decoy hash, as a wrong password verifies the real one, and an unknown
/// e-mail is locked out after as many failures (<see cref="UnknownAccounts"/>). And it audits a lockout once, when
/// the attempt that caused it fails, not on every attempt against the locked account.
/// A refusal also never answers sooner than <see cref="RefusalFloor"/> after the attempt began: the decoy evens out the
/// hashing, and the floor hides what is left (a real account's failure count is a write to the store, some milliseconds).
/// </summary>
public sealed class CostSenseSignInManager(UserManager<CostSenseUser> users, IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<CostSenseUser> claims, IOptions<IdentityOptions> identity, ILogger<SignInManager<CostSenseUser>> log,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<CostSenseUser> confirmation,
    UnknownAccounts unknown, AuditTrail audit, IOptions<AuthOptions> auth, TimeProvider time)
    : SignInManager<CostSenseUser>(users, http, claims, identity, log, schemes, confirmation)
{
    /// <summary>Above a password hash plus a store write on a busy server, well below what a person notices.</summary>
    public static readonly TimeSpan RefusalFloor = TimeSpan.FromMilliseconds(250);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var started = time.GetTimestamp();
        var result = await CheckAsync(userName, password, isPersistent, lockoutOnFailure);
        var remaining = RefusalFloor - time.GetElapsedTime(started);
        if (!result.Succeeded && remaining > TimeSpan.Zero) await Task.Delay(remaining, time, Context.RequestAborted);
        return result;
    }

    private async Task<SignInResult> CheckAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null) return UnknownAccount(userName, password, lockoutOnFailure);

        var wasLockedOut = await IsLockedOut(user);
        // Identity answers an account without a password at once; the decoy makes it cost what a wrong password costs.
        if (user.PasswordHash is null && !wasLockedOut) VerifyDecoy(user, password);
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.IsLockedOut && !wasLockedOut) await RecordLockoutAsync(user);
        return result;
    }

    private SignInResult UnknownAccount(string email, string password, bool lockoutOnFailure)
    {
        // As for a real account: a locked one is refused before any password is checked.
        if (unknown.IsLockedOut(email)) return SignInResult.LockedOut;
        VerifyDecoy(new CostSenseUser(), password);
        return lockoutOnFailure && unknown.RecordFailure(email) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    private void VerifyDecoy(CostSenseUser user, string password) =>
        _ = UserManager.PasswordHasher.VerifyHashedPassword(user, unknown.DecoyHash, password);

    private Task RecordLockoutAsync(CostSenseUser user)
    {
        var o = auth.Value;
        var email = user.Email ?? user.UserName ?? user.Id;
        return audit.RecordAsync(new Actor(user.Id, email, []), AuditActions.UserLockedOut, email,
            $"locked for {o.LockoutMinutes} min after {o.MaxFailedAccessAttempts} failed sign-ins", Context.RequestAborted);
    }
}
