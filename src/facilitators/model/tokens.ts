/**
 * Local token estimate: about four characters a token for English prose, the same rule LangChain's
 * countTokensApproximately uses. Never a downloaded tokenizer (offline it stalls for minutes).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Per-message overhead of the chat format (role markers), so many short messages are not undercounted. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimateMessageTokens(messages: ReadonlyArray<{ content: string }>): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
}
