using CostSense.Core.Data.Entities;

namespace CostSense.Core.Recommendations.Advisor;

/// <summary>
/// What Advisor says about the resource of one CostSense recommendation.
/// </summary>
/// <param name="AdvisorTarget">Advisor's target in words ("Standard_D2s_v5", "shut down", "3-year reservation").</param>
/// <param name="OurTarget">CostSense's target as the grid shows it (<see cref="Recommendation.Target"/>).</param>
/// <param name="Advisor">The Advisor recommendation the verdict rests on (its savings may be null: "not given").</param>
public sealed record AdvisorOpinion(AdvisorVerdict Verdict, AdvisorActionKind AdvisorAction, string AdvisorTarget, string OurTarget, AdvisorRecommendation Advisor);
