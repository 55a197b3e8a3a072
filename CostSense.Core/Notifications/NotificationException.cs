namespace CostSense.Core.Notifications;

/// <summary>A channel draft that is not valid, or a channel that is gone: the message says what to fix, naming the field.</summary>
public sealed class NotificationException(string message) : Exception(message);
