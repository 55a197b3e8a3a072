namespace CostSense.Web.Components.Assistant;

/// <summary>Where a <see cref="ChatEntry"/> stands: waiting for its first words, streaming, or ended (done, stopped by the user, failed).</summary>
public enum ChatEntryStatus { Waiting, Streaming, Done, Stopped, Failed }
