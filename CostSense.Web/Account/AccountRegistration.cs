using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

public static class AccountRegistration
{
    /// <summary>
    /// ASP.NET Core Identity over the store's own context, cookie sign-in, one policy per permission, and a
    /// fallback policy: everything needs a signed-in user unless it says [AllowAnonymous].
    /// </summary>
    public static WebApplicationBuilder AddCostSenseAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .PostConfigure(o => o.Password = string.IsNullOrEmpty(o.Password) ? null : o.Password) // empty = generate one
            .ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        // Identity's EF stores want a scoped context; it comes from the store's factory (SQLite or PostgreSQL).
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContext());
        // The keys that protect sign-in cookies and antiforgery tokens live in the store too, under one application
        // name: a restart, a new container or a second instance over the same store keeps everyone signed in.
        services.AddDataProtection().SetApplicationName("CostSense").PersistKeysToDbContext<CostSenseDbContext>();

        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "CostSense.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(auth.SessionHours);
            o.SlidingExpiration = true;
        }));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = auth.RevalidationInterval);
        Entra.EntraRegistration.AddEntraSignIn(builder);

        services.AddIdentityCore<CostSenseUser>(o =>
            {
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
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CostSenseDbContext>()
            .AddSignInManager<CostSenseSignInManager>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
        services.AddSingleton<UnknownAccounts>();
        services.AddRateLimiter(o => o.AddPolicy<string, SignInRateLimit>(SignInRateLimit.Policy));
        services.AddScoped<CurrentActor>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<Startup.IStoreStartupStep, AdminBootstrap>();
        return builder;
    }

    public static WebApplication UseCostSenseAccounts(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AnonymousRead>();
        app.UseAuthorization();
        return app;
    }
}
