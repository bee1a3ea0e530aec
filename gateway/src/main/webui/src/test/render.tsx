import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { MeContext } from '../api/me';
import type { Me } from '../api/types';

export const ADMIN: Me = { name: 'admin', roles: ['viewer', 'operator', 'admin'], tenants: null, allTenants: true };
export const OPERATOR: Me = { name: 'operator', roles: ['viewer', 'operator'], tenants: null, allTenants: true };
/** An admin limited by a tenants claim: changes only those tenants' sets and rules, never GLOBAL ones (DOMAIN.md, Roles). */
export const TENANT_ADMIN: Me = {
  name: 'tenant-admin', roles: ['viewer', 'operator', 'admin'], tenants: ['demo-project-1', 'demo-project-2'], allTenants: false,
};
export const VIEWER: Me = { name: 'tenant-viewer', roles: ['viewer'], tenants: ['demo-project-1'], allTenants: false };

export interface Call {
  method: string;
  url: URL;
  body?: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;

/**
 * A fake gateway: `fetch` answers from the handler (JSON, or problem+json for 4xx/5xx) and records every call.
 * An unhandled call fails the test with a 599 problem.
 */
export function fakeApi(handler: Handler) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const call: Call = {
      method: init?.method ?? 'GET',
      url,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const answer = handler(call) ?? { status: 599, body: { status: 599, title: `unexpected ${call.method} ${url.pathname}` } };
    const status = answer.status ?? 200;
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': type, ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/** Renders a screen as the given user at a path, with a fresh query cache. */
export function renderAt(ui: ReactElement, { me = ADMIN, path = '/', route = '*' }: { me?: Me; path?: string; route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MeContext.Provider value={me}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={ui} />
          </Routes>
        </MemoryRouter>
      </MeContext.Provider>
    </QueryClientProvider>,
  );
}

/** Sets a text field's value in one change event (typing key by key is slow on a busy machine). */
export function fill(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
}
