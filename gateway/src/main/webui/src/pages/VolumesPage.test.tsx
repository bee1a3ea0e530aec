import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Volume } from '../api/types';
import { aSet, SET_ID } from '../test/fixtures';
import { fakeApi, fill, OPERATOR, renderAt, VIEWER } from '../test/render';
import { VolumesPage } from './VolumesPage';

function aVolume(n: number, overrides: Partial<Volume> = {}): Volume {
  return {
    id: `vol-${n}`, name: `volume-${n}`, status: 'in-use', sizeGb: 10, volumeType: 'ssd', bootable: false, projectId: 'p1',
    projectName: 'demo-project-1', domainId: 'd1', domainName: 'Default', serverId: 's1', serverName: 'vm-1', isProtected: true,
    resolution: { volumeId: `vol-${n}`, decidedBy: 'RULE', ruleName: 'prod-volumes', policySetId: SET_ID, policySetName: 'standard',
      policies: [{ policySetId: SET_ID, policySetName: 'standard', policyName: 'daily_5', cron: '0 2 * * *', timeZone: 'UTC',
        retention: { keepLast: 3 }, retentionSource: 'METADATA' }] },
    ...overrides,
  };
}

describe('the volumes screen', () => {
  it('explains why a volume is protected', async () => {
    fakeApi(() => ({ body: { items: [aVolume(1)] } }));
    renderAt(<VolumesPage />, { me: VIEWER, path: '/volumes' });
    await userEvent.click(await screen.findByRole('button', { name: 'Why: volume-1' }));
    const why = screen.getByTestId('why');
    expect(within(why).getByTestId('decided-by')).toHaveTextContent('an assignment rule');
    expect(why).toHaveTextContent('prod-volumes');
    expect(why).toHaveTextContent('keep last 3 snapshots (retention from metadata)');
    // viewers cannot select volumes to change them
    expect(screen.queryByRole('checkbox', { name: 'Select vol-1' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('assign-selected')).not.toBeInTheDocument();
  });

  it('assigns a set to the volumes selected across pages in one bulk call', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [aSet()] } };
      if (method === 'POST' && url.pathname === '/api/v1/assignments/bulk') return { body: { created: 2, updated: 0, items: [] } };
      if (url.pathname === '/api/v1/volumes') {
        return url.searchParams.get('cursor')
          ? { body: { items: [aVolume(3)], nextCursor: null } }
          : { body: { items: [aVolume(1), aVolume(2, { isProtected: false })], nextCursor: 'next' } };
      }
      return undefined;
    });
    renderAt(<VolumesPage />, { me: OPERATOR, path: '/volumes' });
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select vol-1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select vol-3' }));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 selected');

    await userEvent.click(screen.getByTestId('assign-selected'));
    const dialog = screen.getByRole('dialog', { name: 'Assign 2 volume(s)' });
    await userEvent.selectOptions(await within(dialog).findByLabelText('Policy set'), SET_ID);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'daily_5' }));
    await userEvent.click(within(dialog).getByTestId('confirm-assign'));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('2 assignment(s) created');
    const bulk = calls.find((c) => c.method === 'POST')!.body as { items: Record<string, unknown>[] };
    expect(bulk.items.map((i) => i.volumeId)).toEqual(['vol-1', 'vol-3']);
    expect(bulk.items[0]).toMatchObject({ policySetId: SET_ID, policyNames: ['daily_5'], autoSnapshot: true, projectId: 'p1', source: 'MANUAL' });
  });

  it('excludes selected volumes with a reason and expiry and reports the ones that failed', async () => {
    const calls = fakeApi(({ method, body, url }) => {
      if (method === 'POST' && url.pathname === '/api/v1/exclusions') {
        return (body as { volumeId: string }).volumeId === 'vol-2'
          ? { status: 409, body: { status: 409, title: 'Conflict', detail: 'The volume is already excluded' } }
          : { status: 201, body: {} };
      }
      return { body: { items: [aVolume(1), aVolume(2)] } };
    });
    renderAt(<VolumesPage />, { me: OPERATOR, path: '/volumes' });
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all on this page' }));
    await userEvent.click(screen.getByTestId('exclude-selected'));
    const dialog = screen.getByRole('dialog', { name: 'Exclude 2 volume(s)' });
    fill(within(dialog).getByLabelText('Reason'), 'decommissioning');
    fill(within(dialog).getByLabelText('Expires (optional)'), '2027-01-31T12:00');
    await userEvent.click(within(dialog).getByTestId('confirm-exclude'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('1 excluded; 1 not');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('volume-2: Conflict — The volume is already excluded');
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0].body).toMatchObject({ volumeId: 'vol-1', reason: 'decommissioning', expiresAt: new Date('2027-01-31T12:00').toISOString() });
  });
});
