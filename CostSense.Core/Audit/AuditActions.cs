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
}
