import type { CommentaryPrompt } from '../../services/commentator.port';

/** An OpenAI-compatible chat endpoint (OpenAI, vLLM, llama.cpp's server, Ollama's /v1, …). */
export interface ChatEndpoint {
  /** The base URL (…/v1) or the full …/chat/completions URL. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
}

export function completionsUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

interface ChatResponse {
  choices?: Array<{ message?: { content?: unknown } }>;
}

/** One request, no retries: failures throw (the resilience policy around it decides what happens next). */
export async function chatCompletion(endpoint: ChatEndpoint, prompt: CommentaryPrompt, signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<string> {
  const response = await fetchImpl(completionsUrl(endpoint.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
    body: JSON.stringify({
      model: endpoint.model,
      // Low temperature: commentary should restate the decision, not improvise a new one.
      temperature: 0.2,
      max_tokens: 300,
      messages: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
    }),
    signal,
  });
  if (!response.ok) throw new Error(`the LLM endpoint answered HTTP ${response.status}`);
  const body = (await response.json()) as ChatResponse;
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new Error('the LLM endpoint answered without any content');
  return content.trim();
}
