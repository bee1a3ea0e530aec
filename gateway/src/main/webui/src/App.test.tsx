import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { setUnauthorizedHandler } from './api/client';
import { fakeApi, renderAt, VIEWER } from './test/render';

afterEach(() => vi.unstubAllGlobals());

describe('the app shell', () => {
  it('shows the user, roles and tenants from /api/v1/me, a sign-out link and the navigation', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/v1/me' ? { body: VIEWER } : { body: { items: [] } }));
    renderAt(<App />, { path: '/runs' });
    expect(await screen.findByTestId('user-name')).toHaveTextContent('tenant-viewer');
    expect(screen.getByTestId('user-roles')).toHaveTextContent('viewer');
    expect(screen.getByTestId('user-tenants')).toHaveTextContent('demo-project-1');
    expect(screen.getByRole('link', { name: 'Sign out' })).toHaveAttribute('href', '/logout');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Runs' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Audit trail' })).toBeInTheDocument();
  });

  it('sends the browser to /login when the API answers 401', async () => {
    const login = vi.fn();
    setUnauthorizedHandler(login);
    fakeApi(() => ({ status: 401, body: { status: 401, title: 'Unauthorized' } }));
    renderAt(<App />, { path: '/runs/r-1' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Unauthorized');
    expect(login).toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });

  it('stays on the signed-out page after a sign-out instead of going back to the login page', async () => {
    const login = vi.fn();
    setUnauthorizedHandler(login);
    window.history.pushState({}, '', '/signed-out');
    fakeApi(() => ({ status: 401, body: { status: 401, title: 'Unauthorized' } }));
    renderAt(<App />, { path: '/signed-out' });
    expect(await screen.findByTestId('signed-out')).toHaveTextContent('You have signed out.');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    window.history.pushState({}, '', '/');
  });

  it('keeps the header and navigation when one screen cannot render its data', async () => {
    fakeApi(({ url }) => {
      if (url.pathname === '/api/v1/me') return { body: VIEWER };
      if (url.pathname === '/api/v1/volumes') return { body: { items: 'not a list' } };
      return { body: { items: [] } };
    });
    renderAt(<App />, { path: '/volumes' });
    expect(await screen.findByTestId('screen-error')).toHaveTextContent('could not be shown');
    expect(screen.getByTestId('user-name')).toHaveTextContent('tenant-viewer');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});
