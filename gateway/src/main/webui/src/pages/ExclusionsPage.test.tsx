import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Exclusion } from '../api/types';
import { fakeApi, renderAt, VIEWER } from '../test/render';
import { ExclusionsPage } from './ExclusionsPage';

function anExclusion(n: number, overrides: Partial<Exclusion> = {}): Exclusion {
  return {
    id: `exc-${n}`, volumeId: `vol-${n}`, volumeName: `volume-${n}`, projectId: 'p1', projectName: 'demo-project-1',
    reason: `migration ${n}`, expiresAt: null, active: true, version: 1, createdAt: '2026-11-01T00:00:00Z', createdBy: 'operator',
    ...overrides,
  };
}

describe('the exclusions screen', () => {
  it('asks for expired exclusions only when told to and marks them expired', async () => {
    const calls = fakeApi(({ url }) => {
      if (url.pathname !== '/api/v1/exclusions') return undefined;
      const active = [anExclusion(1, { expiresAt: '2027-01-01T00:00:00Z' })];
      const expired = [anExclusion(2, { active: false, expiresAt: '2026-11-15T00:00:00Z', reason: 'old window' })];
      return { body: { items: url.searchParams.get('includeExpired') === 'true' ? [...active, ...expired] : active } };
    });
    renderAt(<ExclusionsPage />, { me: VIEWER, path: '/exclusions' });
    const table = await screen.findByTestId('exclusions-table');
    expect(await within(table).findByText('volume-1')).toBeInTheDocument();
    expect(calls[0].url.searchParams.get('includeExpired')).toBeNull();
    expect(within(table).queryByTestId('badge-EXPIRED')).not.toBeInTheDocument();
    // a viewer may look, not remove
    expect(within(table).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'active and expired');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('includeExpired')).toBe('true'));
    const expiredRow = (await within(table).findByText('volume-2')).closest('tr')!;
    expect(within(expiredRow).getByTestId('badge-EXPIRED')).toHaveTextContent('expired');
    expect(within(expiredRow).getByText('old window')).toBeInTheDocument();
    const activeRow = within(table).getByText('volume-1').closest('tr')!;
    expect(within(activeRow).getByTestId('badge-EXCLUDED')).toHaveTextContent('active');
    expect(within(activeRow).queryByTestId('badge-EXPIRED')).not.toBeInTheDocument();
  });
});
