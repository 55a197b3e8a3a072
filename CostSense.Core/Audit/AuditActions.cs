namespace CostSense.Core.Audit;

/// <summary>The verbs an <see cref="Data.Entities.AuditEntry"/> records as its action.</summary>
public static class AuditActions
{
    public const string DemoGenerate = "demo.generate";
    public const string DemoRemove = "demo.remove";
    public const string CostImport = "cost.import";
    public const string CostImportUndo = "cost.import-undo";
    public const string UserCreate = "user.create";
    public const string UserRole = "user.role";
    public const string UserLock = "user.lock";
    public const string UserUnlock = "user.unlock";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserPasswordChange = "user.password-change";
    public const string UserLockedOut = "user.locked-out";
    public const string UserExternalLink = "user.external-login";
    public const string ReportSubscriptionCreate = "report.subscription-create";
    public const string ReportSubscriptionEdit = "report.subscription-edit";
    public const string ReportSubscriptionDelete = "report.subscription-delete";
    public const string ReportSendNow = "report.send-now";
    public const string AzureSync = "azure.sync";
    public const string AnomalyAcknowledge = "anomaly.acknowledge";
    public const string AnomalyExpected = "anomaly.expected";
    public const string AnomalyReopen = "anomaly.reopen";
    public const string BudgetCreate = "budget.create";
    public const string BudgetEdit = "budget.edit";
    public const string BudgetDelete = "budget.delete";
    public const string AllocationRuleCreate = "allocation.rule-create";
    public const string AllocationRuleEdit = "allocation.rule-edit";
    public const string AllocationRuleDelete = "allocation.rule-delete";
    public const string NotificationChannelCreate = "notification.channel-create";
    public const string NotificationChannelEdit = "notification.channel-edit";
    public const string NotificationChannelDelete = "notification.channel-delete";
    public const string NotificationTest = "notification.test";
}
