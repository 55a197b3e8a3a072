using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Account;

/// <summary>
/// Once the store is up: the three roles exist, and a store without any user gets its first administrator
/// (CostSense:Admin:Email, with CostSense:Admin:Password or a generated password written once to the log).
/// </summary>
public sealed class AdminBootstrap(IServiceScopeFactory scopes, IOptions<AdminOptions> options, TimeProvider time,
    ILogger<AdminBootstrap> log) : IStoreStartupStep
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AppRoles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the {role} role");

        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        if (users.Users.Any()) return;

        var o = options.Value;
        var generated = string.IsNullOrEmpty(o.Password);
        var password = generated ? PasswordGenerator.Generate() : o.Password!;
        var admin = new CostSenseUser { UserName = o.Email, Email = o.Email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(admin, password), $"create the first admin {o.Email}");
        Check(await users.AddToRoleAsync(admin, AppRoles.Admin), "make the first user an Admin");

        if (generated)
            // Printed once, on purpose: it is the only way in to a new install. Change it after signing in.
            log.LogWarning("Created the first admin {Email} with the generated password {Password} . Sign in and change it (Account > Change password); set CostSense:Admin:Password to choose it instead.",
                o.Email, password);
        else
            log.LogInformation("Created the first admin {Email} with the password from CostSense:Admin:Password", o.Email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
