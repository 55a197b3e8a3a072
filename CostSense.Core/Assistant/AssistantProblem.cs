namespace CostSense.Core.Assistant;

/// <summary>Why an answer could not be (fully) given: the kind of <see cref="AnswerFailed"/>.</summary>
public enum AssistantProblem { OllamaUnreachable, ModelMissing, Timeout, ModelError, RateLimited, InvalidQuestion, StoreUnavailable }
