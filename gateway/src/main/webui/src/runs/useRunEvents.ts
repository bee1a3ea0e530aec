import { useEffect, useRef, useState } from 'react';
import type { RunLifecycle } from '../api/types';
import { TERMINAL } from '../api/types';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/**
 * Follows a Server-Sent Events stream of run lifecycle events (no polling). `url` null: not connected.
 * The browser's EventSource reconnects by itself; `stopWhenTerminal` closes the stream once a run has finished.
 */
export function useRunEvents(url: string | null, onEvent: (event: RunLifecycle) => void, stopWhenTerminal = false,
  onOpen?: () => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const opened = useRef(onOpen);
  opened.current = onOpen;

  useEffect(() => {
    if (!url) {
      setState('closed');
      return undefined;
    }
    setState('connecting');
    const source = new EventSource(url, { withCredentials: true });
    // On every (re)connect the caller may re-read the state once: events sent while not connected are not replayed.
    source.onopen = () => {
      setState('live');
      opened.current?.();
    };
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    source.onmessage = (message: MessageEvent<string>) => {
      let event: RunLifecycle;
      try {
        event = JSON.parse(message.data) as RunLifecycle;
      } catch {
        return;
      }
      setState('live');
      handler.current(event);
      if (stopWhenTerminal && TERMINAL.includes(event.status)) {
        source.close();
        setState('closed');
      }
    };
    return () => source.close();
  }, [url, stopWhenTerminal]);

  return state;
}
