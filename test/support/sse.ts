export interface SSEFrame {
  id?: string;
  event: string;
  data: unknown;
}

/** Parses SSE wire text into frames (data lines joined, JSON-decoded when they are JSON). */
export function parseSSE(text: string): SSEFrame[] {
  return text
    .split(/\n\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const frame: SSEFrame = { event: 'message', data: null };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'id') frame.id = value;
        else if (field === 'event') frame.event = value;
        else if (field === 'data') data.push(value);
      }
      const joined = data.join('\n');
      try {
        frame.data = JSON.parse(joined);
      } catch {
        frame.data = joined;
      }
      return frame;
    });
}

/**
 * Reads frames from an SSE response until `stop` says so (then cancels: a disconnect) or the stream ends.
 */
export async function readSSE(
  response: Response,
  stop: (frames: SSEFrame[]) => boolean = () => false,
): Promise<SSEFrame[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: SSEFrame[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const cut = buffer.lastIndexOf('\n\n');
    if (cut < 0) continue;
    frames.push(...parseSSE(buffer.slice(0, cut + 2)));
    buffer = buffer.slice(cut + 2);
    if (stop(frames)) {
      await reader.cancel();
      return frames;
    }
  }
  frames.push(...parseSSE(buffer));
  return frames;
}

export const deltaText = (frames: SSEFrame[]) =>
  frames
    .filter((f) => f.event === 'delta')
    .map((f) => (f.data as { text: string }).text)
    .join('');
