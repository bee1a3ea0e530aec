import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../api/types';
import { ADMIN, fakeApi, fill, renderAt, TENANT_ADMIN, VIEWER } from '../test/render';
import { RulesPage } from './RulesPage';

const RULE: Rule = { id: 'r1', name: 'prod', priority: 500, enabled: true, autoSnapshot: true, policySetId: null, version: 2,
  createdAt: '2026-11-01T00:00:00Z', match: { projectName: ['prod', 'prod-eu'], minSizeGb: 100, metadataEquals: { tier: ['gold'] } } };

describe('the rules screen', () => {
  it('describes matches in words and tests a rule against an inventory volume', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/v1/rules') return { body: { items: [RULE] } };
      if (url.pathname === '/api/v1/policy-sets') return { body: { items: [] } };
      if (url.pathname === '/api/v1/volumes') return { body: { items: [{ id: 'vol-1', name: 'db', projectId: 'p1', sizeGb: 200, bootable: false, isProtected: true, metadata: { tier: 'gold' }, resolution: { volumeId: 'vol-1', decidedBy: 'RULE', policies: [] } }] } };
      if (method === 'POST' && url.pathname === '/api/v1/rules/test') return { body: { decidingRuleId: 'r1', decidingRuleName: 'prod', matchingRuleIds: ['r1'] } };
      return undefined;
    });
    renderAt(<RulesPage />, { me: VIEWER, path: '/rules' });
    const table = await screen.findByTestId('rules-table');
    expect(await within(table).findByText('project name is prod or prod-eu; ≥ 100 GB; metadata tier = gold')).toBeInTheDocument();
    expect(screen.queryByTestId('new-rule')).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Edit prod' })).not.toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Test prod against a volume' }));
    const dialog = screen.getByRole('dialog');
    fill(within(dialog).getByLabelText('Volume (id or name)'), 'vol-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Test' }));
    expect(await within(dialog).findByTestId('rule-test-result')).toHaveTextContent('This rule matches.');
    const test = calls.find((c) => c.url.pathname === '/api/v1/rules/test')!;
    expect(test.body).toMatchObject({ ruleId: 'r1', volume: { id: 'vol-1', projectId: 'p1', sizeGb: 200, metadata: { tier: 'gold' } } });
  });

  it('lets an admin create a rule and shows field errors from the API', async () => {
    fakeApi(({ method, url }) => {
      if (method === 'POST' && url.pathname === '/api/v1/rules') {
        return { status: 422, body: { status: 422, title: 'Unprocessable Content', detail: 'The rule is not valid', violations: [{ field: 'policySetId', message: 'is required unless autoSnapshot is false' }] } };
      }
      return { body: { items: [] } };
    });
    renderAt(<RulesPage />, { me: ADMIN, path: '/rules' });
    await userEvent.click(await screen.findByTestId('new-rule'));
    const form = screen.getByTestId('rule-form');
    fill(within(form).getByLabelText('Name'), 'big-volumes');
    fill(within(form).getByLabelText('Min size (GB)'), '500');
    await userEvent.click(within(form).getByRole('button', { name: 'Create rule' }));
    expect(await within(form).findByText('is required unless autoSnapshot is false', { selector: '.field-error' })).toBeInTheDocument();
    expect(within(form).getByLabelText('Policy set')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('the rules screen of an admin limited to tenants', () => {
  const TEAM_RULE: Rule = { ...RULE, id: 'r2', name: 'team', tenantId: 'demo-project-1', priority: 100 };

  it('offers no edit or delete of a GLOBAL rule, only of its tenants\' rules; an unscoped admin is offered both', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/v1/rules' ? { body: { items: [RULE, TEAM_RULE] } } : { body: { items: [] } }));
    const view = renderAt(<RulesPage />, { me: TENANT_ADMIN, path: '/rules' });
    const table = await screen.findByTestId('rules-table');
    await within(table).findByText('team');
    expect(within(table).queryByRole('button', { name: 'Edit prod' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Delete prod' })).not.toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Test prod against a volume' })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Edit team' })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Delete team' })).toBeInTheDocument();
    view.unmount();

    renderAt(<RulesPage />, { me: ADMIN, path: '/rules' });
    const unscoped = await screen.findByTestId('rules-table');
    expect(await within(unscoped).findByRole('button', { name: 'Edit prod' })).toBeInTheDocument();
    expect(within(unscoped).getByRole('button', { name: 'Delete prod' })).toBeInTheDocument();
  });

  it('creates rules only for one of its own tenants, never a global one', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (method === 'POST' && url.pathname === '/api/v1/rules') return { status: 201, body: TEAM_RULE };
      return { body: { items: [] } };
    });
    renderAt(<RulesPage />, { me: TENANT_ADMIN, path: '/rules' });
    await userEvent.click(await screen.findByTestId('new-rule'));
    const form = screen.getByTestId('rule-form');
    const tenant = within(form).getByLabelText('Tenant (project id)');
    expect(within(tenant).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['demo-project-1', 'demo-project-2']);
    expect(tenant).toHaveValue('demo-project-1');
    fill(within(form).getByLabelText('Name'), 'team');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Opt matching volumes out (no snapshots)' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Create rule' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'team', tenantId: 'demo-project-1' });
  });
});
