import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PolicyTemplate } from '../api/types';
import { aSet, SET_ID } from '../test/fixtures';
import { ADMIN, fakeApi, fill, renderAt, TENANT_ADMIN, VIEWER } from '../test/render';
import { PolicySetEditPage } from './PolicySetEditPage';
import { PolicySetsPage } from './PolicySetsPage';

describe('policy set cards', () => {
  it('label retention as keep-last and max age, and schedules in words', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/v1/policy-sets' ? { body: { items: [aSet()], nextCursor: null } } : undefined));
    renderAt(<PolicySetsPage />, { me: VIEWER, path: '/policy-sets' });
    const card = await screen.findByTestId('policy-set-standard');
    expect(within(card).getByTestId('retention-daily_5')).toHaveTextContent('Retention: keep last 5 snapshots');
    expect(within(card).getByTestId('retention-monthly')).toHaveTextContent('Retention: max age 90 days');
    expect(within(card).getByTestId('retention-daily_5')).not.toHaveTextContent(/5 days/);
    expect(within(card).getByTestId('policy-daily_5')).toHaveTextContent('At 02:00');
    expect(within(card).getByTestId('policy-monthly')).toHaveTextContent('Europe/Paris');
    // a viewer is offered no edit actions
    expect(screen.queryByTestId('new-policy-set')).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Dry run/ })).not.toBeInTheDocument();
  });

  it('explain a 409 on delete and offer to detach, sending If-Match and force', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (method === 'DELETE') {
        return url.searchParams.get('force') === 'true'
          ? { status: 204 }
          : { status: 409, body: { status: 409, title: 'Conflict', detail: 'Policy set standard is referenced by 3 assignments', conflictingId: 'vol-9' } };
      }
      return { body: { items: [aSet()] } };
    });
    renderAt(<PolicySetsPage />, { me: ADMIN, path: '/policy-sets' });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete standard' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete policy set standard?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const conflict = await within(dialog).findByTestId('delete-conflict');
    expect(conflict).toHaveTextContent('referenced by 3 assignments');
    expect(conflict).toHaveTextContent('vol-9');
    expect(conflict).toHaveTextContent('detaches the assignments and rules');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete and detach' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const deletes = calls.filter((c) => c.method === 'DELETE');
    expect(deletes).toHaveLength(2);
    expect(deletes[1].url.searchParams.get('force')).toBe('true');
  });
});

describe('the policy set form', () => {
  it('shows the API validation messages next to their fields', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/v1/policy-templates') return { body: [] };
      if (method === 'POST' && url.pathname === '/api/v1/policy-sets') {
        return { status: 422, body: { status: 422, title: 'Unprocessable Content', detail: 'The policy set is not valid',
          violations: [{ field: 'name', message: 'must match [a-z0-9_-]{1,64}' }, { field: 'policies[0].cron', message: 'not a 5-field cron' },
            { field: 'policies[0].keepLast', message: 'must be between 1 and 1000' }] } };
      }
      return undefined;
    });
    renderAt(<PolicySetEditPage />, { me: ADMIN, path: '/policy-sets/new', route: '/policy-sets/new' });
    fill(screen.getByLabelText('Name'), 'Bad Name');
    await userEvent.click(screen.getByTestId('add-policy'));
    const policy = screen.getByTestId('policy-form-0');
    fill(within(policy).getByLabelText('Policy name'), 'hourly');
    fill(within(policy).getByLabelText('Schedule (cron, 5 fields)'), 'every hour');
    fill(within(policy).getByLabelText('Keep last (snapshots)'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Create policy set' }));

    expect(await screen.findByText('must match [a-z0-9_-]{1,64}', { selector: '.field-error' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(policy).getByLabelText('Schedule (cron, 5 fields)')).toHaveAccessibleDescription(/not a 5-field cron/);
    expect(within(policy).getByLabelText('Keep last (snapshots)')).toHaveAccessibleDescription(/must be between 1 and 1000/);
    expect(screen.getByTestId('problem')).toHaveTextContent('The policy set is not valid');
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      name: 'Bad Name', scope: 'GLOBAL', policies: [{ name: 'hourly', cron: 'every hour', keepLast: 0, maxAge: null }],
    });
  });

  it('fills the form with the policies of the templates chosen', async () => {
    const templates: PolicyTemplate[] = [
      { name: 'nightly_7', description: 'every night, a week kept', cron: '30 1 * * *', timeZone: 'Europe/Berlin', keepLast: 7, maxAge: null, missedRunMode: 'RUN_ONCE' },
      { name: 'weekly_90d', description: 'Sundays, 90 days kept', cron: '0 4 * * 0', timeZone: 'UTC', keepLast: null, maxAge: 'P90D', missedRunMode: 'SKIP' },
    ];
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/v1/policy-templates') return { body: templates };
      if (method === 'POST' && url.pathname === '/api/v1/policy-sets') return { status: 201, body: aSet() };
      return undefined;
    });
    renderAt(<PolicySetEditPage />, { me: ADMIN, path: '/policy-sets/new', route: '/policy-sets/new' });
    fill(screen.getByLabelText('Name'), 'from-templates');
    await userEvent.click(await screen.findByRole('button', { name: 'Add weekly_90d' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add nightly_7' }));

    const weekly = screen.getByTestId('policy-form-0');
    expect(within(weekly).getByLabelText('Policy name')).toHaveValue('weekly_90d');
    expect(within(weekly).getByLabelText('Schedule (cron, 5 fields)')).toHaveValue('0 4 * * 0');
    expect(within(weekly).getByLabelText('Keep last (snapshots)')).toHaveValue(null);
    expect(within(weekly).getByLabelText('Max age (ISO-8601 duration)')).toHaveValue('P90D');
    expect(within(weekly).getByLabelText('Missed runs')).toHaveValue('SKIP');
    const nightly = screen.getByTestId('policy-form-1');
    expect(within(nightly).getByLabelText('Policy name')).toHaveValue('nightly_7');
    expect(within(nightly).getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    expect(within(nightly).getByLabelText('Keep last (snapshots)')).toHaveValue(7);
    expect(within(nightly).getByLabelText('Missed runs')).toHaveValue('RUN_ONCE');
    expect(within(nightly).getByRole('checkbox', { name: 'Enabled' })).toBeChecked();

    // a template's policy can be changed before saving
    fill(within(nightly).getByLabelText('Keep last (snapshots)'), '14');
    await userEvent.click(screen.getByRole('button', { name: 'Create policy set' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      name: 'from-templates',
      policies: [
        { name: 'weekly_90d', description: 'Sundays, 90 days kept', cron: '0 4 * * 0', timeZone: 'UTC', keepLast: null, maxAge: 'P90D', missedRunMode: 'SKIP', enabled: true },
        { name: 'nightly_7', cron: '30 1 * * *', timeZone: 'Europe/Berlin', keepLast: 14, maxAge: null, missedRunMode: 'RUN_ONCE', enabled: true },
      ],
    });
  });

  it('previews the next fire times in the policy zone and the user zone, also for a viewer', async () => {
    fakeApi(({ url }) => {
      if (url.pathname === `/api/v1/policy-sets/${SET_ID}`) return { body: aSet() };
      if (url.pathname === '/api/v1/policy-templates') return { body: [] };
      if (url.pathname === '/api/v1/schedule-previews') {
        return { body: { cron: '0 3 1 * *', timeZone: 'Europe/Paris', fireTimes: [{ utc: '2026-12-01T02:00:00Z', local: '2026-12-01T03:00+01:00' }] } };
      }
      return undefined;
    });
    // a viewer sees the set read-only and may still preview its schedule
    renderAt(<PolicySetEditPage />, { me: VIEWER, path: `/policy-sets/${SET_ID}`, route: '/policy-sets/:id' });
    expect(await screen.findByLabelText('Priority')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Preview next fire times of monthly' }));
    const table = await screen.findByTestId('preview-monthly');
    expect(table).toHaveTextContent('In Europe/Paris');
    expect(table).toHaveTextContent('2026-12-01 03:00+01:00');
  });

  it('updates with If-Match of the version it read', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/v1/policy-templates') return { body: [] };
      if (method === 'PATCH') return { body: aSet({ version: 4 }) };
      if (url.pathname === `/api/v1/policy-sets/${SET_ID}`) return { body: aSet() };
      return { body: { items: [] } };
    });
    renderAt(<PolicySetEditPage />, { me: ADMIN, path: `/policy-sets/${SET_ID}`, route: '/policy-sets/:id' });
    const priority = await screen.findByLabelText('Priority');
    fill(priority, '500');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    // after a save the form goes back to the list
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toMatchObject({ priority: 500 });
    expect(patch?.body).not.toHaveProperty('scope');
    expect(patch?.headers['If-Match']).toBe('"3"');
  });
});

describe('an admin limited to tenants', () => {
  const TEAM = aSet({ id: 'set-team', name: 'team', scope: 'TENANT', tenantId: 'demo-project-1', autoApply: false });

  it('is offered no edit or delete of a GLOBAL set, only of its tenants\' sets; an unscoped admin is offered both', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/v1/policy-sets' ? { body: { items: [aSet(), TEAM], nextCursor: null } } : undefined));
    const view = renderAt(<PolicySetsPage />, { me: TENANT_ADMIN, path: '/policy-sets' });
    const global = await screen.findByTestId('policy-set-standard');
    expect(within(global).queryByRole('button', { name: 'Delete standard' })).not.toBeInTheDocument();
    expect(within(global).queryByRole('link', { name: 'Edit standard' })).not.toBeInTheDocument();
    expect(within(global).getByRole('link', { name: 'View standard' })).toHaveTextContent('Details & schedule');
    const team = screen.getByTestId('policy-set-team');
    expect(within(team).getByRole('button', { name: 'Delete team' })).toBeInTheDocument();
    expect(within(team).getByRole('link', { name: 'Edit team' })).toBeInTheDocument();
    expect(screen.getByTestId('new-policy-set')).toBeInTheDocument();
    view.unmount();

    renderAt(<PolicySetsPage />, { me: ADMIN, path: '/policy-sets' });
    const unscoped = await screen.findByTestId('policy-set-standard');
    expect(within(unscoped).getByRole('button', { name: 'Delete standard' })).toBeInTheDocument();
    expect(within(unscoped).getByRole('link', { name: 'Edit standard' })).toBeInTheDocument();
  });

  it('sees a GLOBAL set read-only', async () => {
    fakeApi(({ url }) => {
      if (url.pathname === `/api/v1/policy-sets/${SET_ID}`) return { body: aSet() };
      if (url.pathname === '/api/v1/policy-templates') return { body: [] };
      return undefined;
    });
    renderAt(<PolicySetEditPage />, { me: TENANT_ADMIN, path: `/policy-sets/${SET_ID}`, route: '/policy-sets/:id' });
    expect(await screen.findByLabelText('Priority')).toBeDisabled();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^standard$/);
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('add-policy')).not.toBeInTheDocument();
  });

  it('creates only TENANT sets, for one of its own tenants', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/v1/policy-templates') return { body: [] };
      if (method === 'POST' && url.pathname === '/api/v1/policy-sets') return { status: 201, body: TEAM };
      return undefined;
    });
    renderAt(<PolicySetEditPage />, { me: TENANT_ADMIN, path: '/policy-sets/new', route: '/policy-sets/new' });
    const scope = screen.getByLabelText('Scope');
    expect(scope).toHaveValue('TENANT');
    expect(within(scope).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['TENANT']);
    const tenant = screen.getByLabelText('Tenant (project id)');
    expect(within(tenant).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['demo-project-1', 'demo-project-2']);
    await userEvent.selectOptions(tenant, 'demo-project-2');
    fill(screen.getByLabelText('Name'), 'team');
    await userEvent.click(screen.getByRole('button', { name: 'Create policy set' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'team', scope: 'TENANT', tenantId: 'demo-project-2' });
  });

  it('leaves an unscoped admin the choice of GLOBAL (the default) or any tenant', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/v1/policy-templates' ? { body: [] } : undefined));
    renderAt(<PolicySetEditPage />, { me: ADMIN, path: '/policy-sets/new', route: '/policy-sets/new' });
    const scope = screen.getByLabelText('Scope');
    expect(scope).toHaveValue('GLOBAL');
    expect(within(scope).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['GLOBAL', 'TENANT']);
    await userEvent.selectOptions(scope, 'TENANT');
    expect(screen.getByLabelText('Tenant (project id)').tagName).toBe('INPUT');
  });
});
