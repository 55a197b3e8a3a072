using System.Security.Claims;
using CostSense.Core.Access;
using CostSense.Web.Account.Entra;

namespace CostSense.Tests.Account;

/// <summary>What the callback reads from an Entra token's claims, mapped or as issued.</summary>
public sealed class EntraClaimsTests
{
    private static ExternalIdentity Read(params Claim[] claims) =>
        ExternalIdentity.From("Entra", "key", "Microsoft Entra ID", new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));

    [Fact]
    public void AppRoles_TheHighestKnownRoleWins_OthersAreIgnored()
    {
        var identity = Read(new Claim(ClaimTypes.Role, "Viewer"), new Claim(ClaimTypes.Role, "Cost.Reader"), new Claim("roles", "Admin"));

        Assert.Equal(AppRoles.Admin, identity.Role);
    }

    [Fact]
    public void AppRoles_NoneOfOurs_MeansNoRole()
    {
        Assert.Null(Read(new Claim(ClaimTypes.Role, "Cost.Reader")).Role);
        Assert.Null(Read().Role);
        // Role names are exact, as Entra issues them.
        Assert.Null(Read(new Claim("roles", "admin")).Role);
    }

    [Fact]
    public void Email_ComesFromTheEmailClaim_ElseFromPreferredUsername()
    {
        Assert.Equal("a@contoso.test", Read(new Claim(ClaimTypes.Email, "a@contoso.test"), new Claim("preferred_username", "b@contoso.test")).Email);
        Assert.Equal("b@contoso.test", Read(new Claim("preferred_username", " b@contoso.test ")).Email);
    }

    [Fact]
    public void Email_ThatIsNotAnAddress_IsSkipped()
    {
        Assert.Equal("c@contoso.test", Read(new Claim("email", "not an address"), new Claim("preferred_username", "c@contoso.test")).Email);
        Assert.Null(Read(new Claim("preferred_username", "just-a-name")).Email);
    }
}
