namespace CostSense.Core.Data.Entities;

/// <summary>The scopes cost is watched at: the ones the dashboard filters by.</summary>
public enum CostScopeKind
{
    /// <summary>The whole tenant (key "").</summary>
    Total,
    /// <summary>One subscription or account (key: its id).</summary>
    Subscription,
    /// <summary>One resource group (key: "{subscription id}/{group}").</summary>
    ResourceGroup,
    /// <summary>One service across the tenant (key: its name).</summary>
    Service,
    /// <summary>One value of one tag key (key: "{key}={value}", the key lower case).</summary>
    Tag,
}

/// <summary>A short run of days far above the usual level, or a new level that persists (reported once).</summary>
public enum AnomalyKind { Spike, LevelShift }

/// <summary>Where an anomaly is in triage. New until an analyst acknowledges it or marks it as expected (with a note).</summary>
public enum AnomalyStatus { New, Acknowledged, Expected }

/// <summary>What a budget threshold is compared with: the month's actual cost so far, or its forecast to month end.</summary>
public enum BudgetBasis { Actual, Forecast }

/// <summary>How an allocation rule splits a shared cost across a tag key's values.</summary>
public enum AllocationMethod
{
    /// <summary>In proportion to each value's direct cost in the same month.</summary>
    Proportional,
    /// <summary>By fixed percentages that add up to 100.</summary>
    Fixed,
}

/// <summary>What an allocation rule takes: the cost of some resource groups, of some subscriptions, or the cost untagged by the rule's key.</summary>
public enum AllocationSource { ResourceGroups, Subscriptions, Untagged }

/// <summary>Where a notification goes and in which body shape.</summary>
public enum NotificationChannelKind
{
    /// <summary>A POST of a generic JSON body.</summary>
    Webhook,
    /// <summary>A Microsoft Teams incoming webhook (a MessageCard / Adaptive Card body).</summary>
    Teams,
    /// <summary>A Slack incoming webhook (text and blocks).</summary>
    Slack,
    /// <summary>E-mail through the SMTP settings of the report deliveries.</summary>
    Email,
}

public enum NotificationStatus { Pending, Sent, Failed, GaveUp }

/// <summary>What raised an alert.</summary>
public enum AlertKind { Anomaly, BudgetCrossing, Test }
