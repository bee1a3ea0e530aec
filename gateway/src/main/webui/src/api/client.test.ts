import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, READ_TIMEOUT_MS } from './client';

/** A gateway that never answers: each call stays pending until its signal aborts it. */
function silentGateway() {
  const signals: (AbortSignal | undefined)[] = [];
  vi.stubGlobal('fetch', vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
    signals.push(init?.signal ?? undefined);
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
    });
  }));
  return signals;
}

describe('api', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives up a read that gets no answer, so that its query can ask again', async () => {
    const signals = silentGateway();
    const read = api('/runs/r1/records');
    const failed = expect(read).rejects.toThrow(`The server did not answer within ${READ_TIMEOUT_MS / 1000} s.`);
    await vi.advanceTimersByTimeAsync(READ_TIMEOUT_MS - 1);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await failed;
    expect(signals[0]?.aborted).toBe(true);
  });

  it('does not time out a change: the server may still carry it out', async () => {
    const signals = silentGateway();
    let settled = false;
    void api('/runs', { method: 'POST', body: {} }).finally(() => { settled = true; }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(3 * READ_TIMEOUT_MS);
    expect(settled).toBe(false);
    expect(signals[0]?.aborted ?? false).toBe(false);
  });

  it('passes a cancelled query on as a cancellation, not as a timeout', async () => {
    const signals = silentGateway();
    const query = new AbortController();
    const read = api('/runs', { signal: query.signal });
    query.abort();
    await expect(read).rejects.toThrow('The operation was aborted.');
    expect(signals[0]?.aborted).toBe(true);
  });
});
