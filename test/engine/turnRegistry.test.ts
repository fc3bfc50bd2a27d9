import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINGER_MS, TurnRegistry } from '../../src/engine/turnRegistry.js';

describe('TurnRegistry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const end = async (registry: TurnRegistry, turnId: number, sessionId: number) => {
    const turn = registry.start(turnId, sessionId, 'reply');
    turn.close();
    await turn.finished;
    await Promise.resolve();
    return turn;
  };

  it('keeps an ended turn attachable for a while, then forgets it', async () => {
    const registry = new TurnRegistry();
    const turn = registry.start(1, 7, 'reply');
    expect(registry.inFlight(7)).toBe(turn);
    turn.close();
    await turn.finished;
    await Promise.resolve();
    expect(registry.inFlight(7)).toBeUndefined();
    expect(registry.attachable(7)).toBe(turn);
    vi.advanceTimersByTime(LINGER_MS + 1);
    expect(registry.attachable(7)).toBeUndefined();
  });

  it('holds one ended turn per session: a newer end replaces the older and its timer', async () => {
    const registry = new TurnRegistry();
    await end(registry, 1, 7);
    const second = await end(registry, 2, 7);
    await end(registry, 3, 8);
    expect(registry.attachable(7)).toBe(second);
    // One forgetting timer per session, not one per turn ever ended (each held its turn and events).
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(LINGER_MS + 1);
    expect(registry.attachable(7)).toBeUndefined();
    expect(registry.attachable(8)).toBeUndefined();
  });
});
