import { useQuery } from '@tanstack/react-query';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { api, ApiError, SIGNED_OUT_PATH } from './api/client';
import { MeContext } from './api/me';
import type { Me } from './api/types';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ProblemAlert } from './components/ProblemAlert';
import { ThemeChoice } from './components/ThemeChoice';
import { OverviewPage } from './pages/OverviewPage';
import { RunsPage } from './pages/RunsPage';
import { RunPage } from './pages/RunPage';
import { PolicySetsPage } from './pages/PolicySetsPage';
import { PolicySetEditPage } from './pages/PolicySetEditPage';
import { AuditPage } from './pages/AuditPage';
import { VolumesPage } from './pages/VolumesPage';
import { AssignmentsPage } from './pages/AssignmentsPage';
import { RulesPage } from './pages/RulesPage';
import { ExclusionsPage } from './pages/ExclusionsPage';
import { CompliancePage } from './pages/CompliancePage';

const NAV = [
  ['/', 'Overview'],
  ['/runs', 'Runs'],
  ['/policy-sets', 'Policy sets'],
  ['/volumes', 'Volumes'],
  ['/assignments', 'Assignments'],
  ['/rules', 'Rules'],
  ['/exclusions', 'Exclusions'],
  ['/audit', 'Audit trail'],
  ['/compliance', 'Compliance'],
] as const;

export function Header({ me }: { me: Me }) {
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">Skip to content</a>
      <span className="brand">Snapshot Manager</span>
      <div className="who" data-testid="user">
        <span className="user-name" data-testid="user-name">{me.name}</span>
        <span className="muted" data-testid="user-roles" aria-label="Roles">{me.roles.join(', ')}</span>
        <span className="muted" data-testid="user-tenants" aria-label="Tenants">
          {me.allTenants ? 'all tenants' : `tenants: ${(me.tenants ?? []).join(', ') || 'none'}`}
        </span>
        <ThemeChoice />
        <a className="button" href="/logout" data-testid="sign-out">Sign out</a>
      </div>
    </header>
  );
}

export function Shell({ me }: { me: Me }) {
  const location = useLocation();
  return (
    <MeContext.Provider value={me}>
      <Header me={me} />
      <div className="layout">
        <nav className="side-nav" aria-label="Main">
          <ul>
            {NAV.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} data-testid={`nav-${to.slice(1) || 'overview'}`}>{label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <ErrorBoundary resetKey={location.pathname}>
          <Routes>
            <Route path="/" element={<OverviewPage />} />
            <Route path="/overview" element={<Navigate to="/" replace />} />
            <Route path="/runs" element={<RunsPage />} />
            <Route path="/runs/:id" element={<RunPage />} />
            <Route path="/policy-sets" element={<PolicySetsPage />} />
            <Route path="/policy-sets/new" element={<PolicySetEditPage />} />
            <Route path="/policy-sets/:id" element={<PolicySetEditPage />} />
            <Route path="/volumes" element={<VolumesPage />} />
            <Route path="/assignments" element={<AssignmentsPage />} />
            <Route path="/rules" element={<RulesPage />} />
            <Route path="/exclusions" element={<ExclusionsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/compliance" element={<CompliancePage />} />
            <Route path="*" element={<p>No such page. <NavLink to="/">Overview</NavLink></p>} />
          </Routes>
          </ErrorBoundary>
        </main>
      </div>
    </MeContext.Provider>
  );
}

export function App() {
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/me'), staleTime: 5 * 60_000 });
  if (me.isPending) return <p className="loading" role="status">Loading…</p>;
  if (me.isError) {
    const signedOut = me.error instanceof ApiError && me.error.status === 401
      && window.location.pathname === SIGNED_OUT_PATH;
    return (
      <main className="centered" id="main">
        <h1>Snapshot Manager</h1>
        {signedOut ? <p data-testid="signed-out">You have signed out.</p> : <ProblemAlert error={me.error} />}
        <a className="button primary" href="/login">Sign in</a>
      </main>
    );
  }
  return <Shell me={me.data} />;
}
