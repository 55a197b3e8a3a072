namespace CostSense.Web.Components.Assistant;

/// <summary>
/// Who wrote a <see cref="ChatEntry"/>: the user's question or the assistant's answer. Not Microsoft.Extensions.AI's
/// ChatRole, which names the model's message roles.
/// </summary>
public enum ChatEntryRole { User, Assistant }
