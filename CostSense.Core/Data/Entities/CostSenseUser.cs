using Microsoft.AspNetCore.Identity;

namespace CostSense.Core.Data.Entities;

/// <summary>A person who signs in to CostSense (ASP.NET Core Identity, stored with the rest of the data).</summary>
public sealed class CostSenseUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
