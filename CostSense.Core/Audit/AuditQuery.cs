namespace CostSense.Core.Audit;

/// <summary>A filter on the audit trail: actions starting with a prefix, actors whose name contains a text, and how many entries.</summary>
public sealed record AuditQuery(string? ActionPrefix = null, string? Actor = null, int Take = 200);
