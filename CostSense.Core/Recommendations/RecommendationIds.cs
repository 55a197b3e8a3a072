using System.Security.Cryptography;
using System.Text;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations;

public static class RecommendationIds
{
    /// <summary>A short id that is the same for the same resource and action in every computation.</summary>
    public static string For(string resourceId, RecommendationAction action)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{resourceId.ToLowerInvariant()}|{action}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
