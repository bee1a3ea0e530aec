import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/FakeEventSource';
import { aRecord, aRun, anEvent, RUN_ID } from '../test/fixtures';
import { ADMIN, fakeApi, renderAt, VIEWER } from '../test/render';
import { RECORD_CATCH_UP_MS, RunPage } from './RunPage';

beforeEach(() => FakeEventSource.install());
afterEach(() => vi.unstubAllGlobals());

const path = `/runs/${RUN_ID}`;

describe('the run page', () => {
  it('moves the progress bar and counters with each Server-Sent Event, without polling, and stops at COMPLETED', async () => {
    const calls = fakeApi(({ url }) => {
      if (url.pathname === `/api/v1/runs/${RUN_ID}`) return { body: aRun() };
      if (url.pathname === `/api/v1/runs/${RUN_ID}/records`) return { body: { items: [aRecord(1)] } };
      return undefined;
    });
    renderAt(<RunPage />, { path, route: '/runs/:id', me: VIEWER });
    expect(await screen.findByTestId('progress-percent')).toHaveTextContent('20%');
    expect(screen.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('aria-valuenow', '20');

    const stream = FakeEventSource.to(`/api/v1/runs/${RUN_ID}/events`);
    act(() => stream.open());
    expect(screen.getByTestId('stream-state')).toHaveTextContent('live');
    // on (re)connect the run is read once more: what happened before the stream opened is not replayed
    const runReads = () => calls.filter((c) => c.url.pathname === `/api/v1/runs/${RUN_ID}`).length;
    await waitFor(() => expect(runReads()).toBe(2));
    act(() => stream.emit(anEvent()));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60');
    expect(screen.getByTestId('counter-created')).toHaveTextContent('5');
    expect(screen.getByTestId('counter-failed')).toHaveTextContent('1');
    expect(screen.getByText(/batches 1 \/ 2/)).toBeInTheDocument();
    expect(screen.getByTestId('eta')).toBeInTheDocument();

    act(() => stream.emit(anEvent({ event: 'COMPLETED', status: 'COMPLETED', progressPercent: 100, eta: null,
      counters: { totalVolumes: 10, created: 10, deleted: 2, failed: 0, skipped: 0, quotaBlocked: 0, batchesTotal: 2, batchesCompleted: 2 } })));
    expect(screen.getByTestId('badge-COMPLETED')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByTestId('counter-created')).toHaveTextContent('10');
    expect(stream.readyState).toBe(FakeEventSource.CLOSED);
    // no polling: the progress came over the stream; the final state is read once more when the run ends
    await waitFor(() => expect(runReads()).toBe(3));
  });

  it('reads the records of a finished run again until audit-service holds as many as the run counted, then stops', async () => {
    const done = aRun({ status: 'COMPLETED', progressPercent: 100,
      counters: { totalVolumes: 3, created: 2, deleted: 0, failed: 1, skipped: 0, quotaBlocked: 0, batchesTotal: 1, batchesCompleted: 1 } });
    const stored = [aRecord(1), aRecord(2), aRecord(3, { action: 'FAILED', snapshot: null })];
    let recordReads = 0;
    fakeApi(({ url }) => {
      if (url.pathname === `/api/v1/runs/${RUN_ID}`) return { body: done };
      if (url.pathname === `/api/v1/runs/${RUN_ID}/records`) {
        expect(url.searchParams.get('includeTotal')).toBe('true');
        // the audit trail catches up: nothing, then one record, then all three
        const items = stored.slice(0, [0, 1, 3][Math.min(recordReads++, 2)]);
        return { body: { items, total: items.length } };
      }
      return undefined;
    });
    renderAt(<RunPage />, { path, route: '/runs/:id', me: VIEWER });
    expect(await screen.findByText('No records yet.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId('records-table')).getAllByTestId('badge-CREATED')).toHaveLength(2),
      { timeout: 5 * RECORD_CATCH_UP_MS });
    expect(within(screen.getByTestId('records-table')).getByTestId('badge-FAILED')).toBeInTheDocument();
    const reads = recordReads;
    expect(reads).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 2 * RECORD_CATCH_UP_MS));
    expect(recordReads).toBe(reads);
  });

  /**
   * A run page open while the run sends `progressEvents` progress events (each has the page read the records
   * again) and then ends; audit-service stores the run's three results two reads after the end. The page must show
   * them.
   */
  async function finishWhileOpenAfter(progressEvents: number) {
    const counters = { totalVolumes: 3, created: 3, deleted: 0, failed: 0, skipped: 0, quotaBlocked: 0, batchesTotal: 80, batchesCompleted: 80 };
    const stored = [aRecord(1), aRecord(2), aRecord(3)];
    let finished = false;
    let readsSinceEnd = 0;
    let readsWhileRunning = 0;
    fakeApi(({ url }) => {
      if (url.pathname === `/api/v1/runs/${RUN_ID}`) {
        return { body: finished ? aRun({ status: 'COMPLETED', progressPercent: 100, eta: null, counters }) : aRun() };
      }
      if (url.pathname === `/api/v1/runs/${RUN_ID}/records`) {
        if (!finished) readsWhileRunning++;
        const items = finished && readsSinceEnd++ >= 2 ? stored : [];
        return { body: { items, total: items.length } };
      }
      return undefined;
    });
    renderAt(<RunPage />, { path, route: '/runs/:id', me: VIEWER });
    await screen.findByTestId('progress-percent');
    const stream = FakeEventSource.to(`/api/v1/runs/${RUN_ID}/events`);
    act(() => stream.open());
    for (let batch = 1; batch <= progressEvents; batch++) {
      act(() => stream.emit(anEvent({ counters: { ...counters, batchesCompleted: batch } })));
      await waitFor(() => expect(readsWhileRunning).toBeGreaterThanOrEqual(batch + 1));
    }
    finished = true;
    act(() => stream.emit(anEvent({ event: 'COMPLETED', status: 'COMPLETED', progressPercent: 100, eta: null, counters })));
    await waitFor(() => expect(within(screen.getByTestId('records-table')).getAllByTestId('badge-CREATED')).toHaveLength(3),
      { timeout: 6 * RECORD_CATCH_UP_MS });
  }

  it('catches up with the records of a run that finishes while its page is open', async () => {
    await finishWhileOpenAfter(0);
  });

  it('catches up after the end also when a long run made the page read its records many times while it ran', async () => {
    // more reads while the run went on than the catch-up makes after the end
    await finishWhileOpenAfter(70);
  });

  it('stops reading a finished run\'s records a minute after it saw the end, even when they never all arrive', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const done = aRun({ status: 'COMPLETED', progressPercent: 100,
        counters: { totalVolumes: 3, created: 3, deleted: 0, failed: 0, skipped: 0, quotaBlocked: 0, batchesTotal: 1, batchesCompleted: 1 } });
      let recordReads = 0;
      fakeApi(({ url }) => {
        if (url.pathname === `/api/v1/runs/${RUN_ID}`) return { body: done };
        if (url.pathname === `/api/v1/runs/${RUN_ID}/records`) {
          recordReads++;
          return { body: { items: [aRecord(1)], total: 1 } }; // two of the three results were lost on the way
        }
        return undefined;
      });
      renderAt(<RunPage />, { path, route: '/runs/:id', me: VIEWER });
      await screen.findByTestId('records-table');
      await act(() => vi.advanceTimersByTimeAsync(30 * RECORD_CATCH_UP_MS));
      expect(recordReads).toBeGreaterThan(20);
      await act(() => vi.advanceTimersByTimeAsync(40 * RECORD_CATCH_UP_MS));
      const reads = recordReads;
      expect(reads).toBeLessThanOrEqual(62);
      await act(() => vi.advanceTimersByTimeAsync(30 * RECORD_CATCH_UP_MS));
      expect(recordReads).toBe(reads);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the live connection is lost and ignores events of other runs', async () => {
    fakeApi(({ url }) => (url.pathname.endsWith('/records') ? { body: { items: [] } } : { body: aRun() }));
    renderAt(<RunPage />, { path, route: '/runs/:id', me: VIEWER });
    await screen.findByTestId('progress-percent');
    const stream = FakeEventSource.to('/events');
    act(() => stream.fail());
    expect(screen.getByTestId('stream-state')).toHaveTextContent('reconnecting');
    act(() => stream.emit(anEvent({ runId: 'other', progressPercent: 99 })));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '20');
  });

  it('shows the plan of a finished dry run and lets an admin start the real run after confirming', async () => {
    const dry = aRun({ dryRun: true, status: 'COMPLETED', progressPercent: 100,
      counters: { totalVolumes: 4, created: 3, deleted: 2, failed: 0, skipped: 1, quotaBlocked: 0, batchesTotal: 1, batchesCompleted: 1 } });
    const calls = fakeApi(({ method, url }) => {
      if (method === 'POST' && url.pathname === '/api/v1/runs') return { status: 202, body: aRun({ id: 'real-run' }) };
      if (url.pathname.endsWith('/records')) return { body: { items: [aRecord(1, { action: 'WOULD_CREATE', dryRun: true }), aRecord(2, { action: 'WOULD_DELETE', dryRun: true })] } };
      if (url.pathname === `/api/v1/runs/${RUN_ID}`) return { body: dry };
      return undefined;
    });
    renderAt(<RunPage />, { path, route: '/runs/:id', me: ADMIN });
    const plan = await screen.findByTestId('plan');
    expect(plan).toHaveTextContent('would create 3 snapshot(s) and delete 2');
    expect(await screen.findByTestId('badge-WOULD_CREATE')).toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(0);

    await userEvent.click(within(plan).getByRole('button', { name: 'Run for real…' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create and delete snapshots' }));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ dryRun: false, policy: { policyName: 'daily_5' }, trigger: 'MANUAL' });
  });

  it('offers neither the real run nor cancel to a viewer', async () => {
    fakeApi(({ url }) => (url.pathname.endsWith('/records') ? { body: { items: [] } } : { body: aRun() }));
    renderAt(<RunPage />, { path, route: '/runs/:id', me: VIEWER });
    await screen.findByTestId('progress-percent');
    expect(screen.queryByTestId('cancel-run')).not.toBeInTheDocument();
  });

  it('cancels an active run as admin and shows the 409 problem when it had already finished', async () => {
    fakeApi(({ method, url }) => {
      if (method === 'POST') return { status: 409, body: { status: 409, title: 'Conflict', detail: 'The run already finished' } };
      return url.pathname.endsWith('/records') ? { body: { items: [] } } : { body: aRun() };
    });
    renderAt(<RunPage />, { path, route: '/runs/:id', me: ADMIN });
    await userEvent.click(await screen.findByTestId('cancel-run'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the run' }));
    expect(await screen.findByText(/The run already finished/)).toBeInTheDocument();
  });
});
