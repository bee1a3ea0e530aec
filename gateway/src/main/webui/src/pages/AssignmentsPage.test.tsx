import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../api/types';
import { aSet, SET_ID } from '../test/fixtures';
import { fakeApi, OPERATOR, renderAt, VIEWER } from '../test/render';
import { AssignmentsPage } from './AssignmentsPage';

function anAssignment(n: number, overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: `asg-${n}`, volumeId: `vol-${n}`, volumeName: `volume-${n}`, projectId: 'p1', projectName: 'demo-project-1',
    serverName: 'vm-1', policySetId: SET_ID, policyNames: ['daily_5'], retentionOverrides: { daily_5: { keepLast: 3 } },
    autoSnapshot: true, source: 'MANUAL', version: 4, createdAt: '2026-11-01T00:00:00Z', createdBy: 'operator',
    ...overrides,
  };
}

describe('the assignments screen', () => {
  it('lists the assignments with their set, policies and retention overrides; a viewer cannot remove them', async () => {
    fakeApi(({ url }) => {
      if (url.pathname === '/api/v1/assignments') return { body: { items: [anAssignment(1), anAssignment(2, { policyNames: null, autoSnapshot: false, retentionOverrides: null, source: 'BULK' })] } };
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [aSet()] } };
      return undefined;
    });
    renderAt(<AssignmentsPage />, { me: VIEWER, path: '/assignments' });
    const table = await screen.findByTestId('assignments-table');
    const first = (await within(table).findByText('volume-1')).closest('tr')!;
    expect(await within(first).findByRole('link', { name: 'standard' })).toHaveAttribute('href', `/policy-sets/${SET_ID}`);
    expect(first).toHaveTextContent('daily_5: keep last 3 snapshots');
    expect(first).toHaveTextContent('opted in');
    const second = within(table).getByText('volume-2').closest('tr')!;
    expect(second).toHaveTextContent('all');
    expect(second).toHaveTextContent('opted out');
    expect(second).toHaveTextContent('BULK');
    expect(within(table).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
  });

  it('removes one after a confirmation, with If-Match of its version, and lists the rest again', async () => {
    let removed = false;
    const calls = fakeApi(({ method, url }) => {
      if (method === 'DELETE' && url.pathname === '/api/v1/assignments/vol-1') {
        removed = true;
        return { status: 204 };
      }
      if (url.pathname === '/api/v1/assignments') return { body: { items: removed ? [anAssignment(2)] : [anAssignment(1), anAssignment(2)] } };
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [aSet()] } };
      return undefined;
    });
    renderAt(<AssignmentsPage />, { me: OPERATOR, path: '/assignments' });
    const table = await screen.findByTestId('assignments-table');
    await userEvent.click(await within(table).findByRole('button', { name: 'Remove assignment of volume-1' }));

    // nothing is removed before the confirmation, and cancelling removes nothing
    const dialog = screen.getByRole('dialog', { name: 'Remove this assignment?' });
    expect(dialog).toHaveTextContent('volume-1 then gets its policies from metadata, rules or an auto-apply set');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(within(table).getByRole('button', { name: 'Remove assignment of volume-1' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const deletes = calls.filter((c) => c.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0].headers['If-Match']).toBe('"4"');
    await waitFor(() => expect(within(table).queryByText('volume-1')).not.toBeInTheDocument());
    expect(within(table).getByText('volume-2')).toBeInTheDocument();
  });

  it('keeps the confirmation open with the problem when the removal fails', async () => {
    fakeApi(({ method, url }) => {
      if (method === 'DELETE') return { status: 412, body: { status: 412, title: 'Precondition Failed', detail: 'The assignment changed since it was read' } };
      if (url.pathname === '/api/v1/assignments') return { body: { items: [anAssignment(1)] } };
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [] } };
      return undefined;
    });
    renderAt(<AssignmentsPage />, { me: OPERATOR, path: '/assignments' });
    await userEvent.click(await screen.findByRole('button', { name: 'Remove assignment of volume-1' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByTestId('problem')).toHaveTextContent('The assignment changed since it was read');
    expect(within(screen.getByTestId('assignments-table')).getByText('volume-1')).toBeInTheDocument();
  });
});
