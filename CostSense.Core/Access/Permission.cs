namespace CostSense.Core.Access;

/// <summary>What a signed-in user may do. Pages, endpoints and services check these, never a role name.</summary>
public enum Permission
{
    /// <summary>Dashboard, grids (read only), PDF summary, assistant, own conversations.</summary>
    Read,
    /// <summary>Imports, syncs, demo data.</summary>
    ManageData,
    /// <summary>Accept, dismiss, snooze, mark implemented.</summary>
    ActOnRecommendations,
    /// <summary>Budgets, allocation rules for showback, and anomaly triage (acknowledge, mark as expected).</summary>
    ManageCostControls,
    /// <summary>The audit trail.</summary>
    ViewAudit,
    /// <summary>Azure connection and other settings.</summary>
    ManageSettings,
    /// <summary>Users, roles, lockouts, password resets.</summary>
    ManageUsers,
}
