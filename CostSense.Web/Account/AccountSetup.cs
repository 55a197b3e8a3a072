using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// Applies <see cref="AuthOptions"/> to Identity (password and lockout rules), to its application cookie (name,
/// paths, sliding session) and to the security-stamp check, once the options are bound and validated.
/// </summary>
public sealed class AccountSetup(IOptions<AuthOptions> options)
    : IConfigureNamedOptions<CookieAuthenticationOptions>, IConfigureOptions<IdentityOptions>, IConfigureOptions<SecurityStampValidatorOptions>
{
    public void Configure(string? name, CookieAuthenticationOptions o)
    {
        if (name != IdentityConstants.ApplicationScheme) return;
        o.LoginPath = "/Account/Login";
        o.LogoutPath = "/Account/Logout";
        o.AccessDeniedPath = "/Account/AccessDenied";
        o.Cookie.Name = "CostSense.Auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(options.Value.SessionHours);
        o.SlidingExpiration = true;
    }

    public void Configure(CookieAuthenticationOptions o) => Configure(Options.DefaultName, o);

    public void Configure(IdentityOptions o)
    {
        var auth = options.Value;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
        o.Password.RequiredLength = auth.MinPasswordLength;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireDigit = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAccessAttempts;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
    }

    public void Configure(SecurityStampValidatorOptions o) => o.ValidationInterval = options.Value.RevalidationInterval;
}
