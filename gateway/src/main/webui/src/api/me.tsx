import { createContext, useContext } from 'react';
import type { Me } from './types';

export type Role = 'viewer' | 'operator' | 'admin' | 'superadmin';
const ORDER: Role[] = ['viewer', 'operator', 'admin', 'superadmin'];

/** Whether the caller holds at least this role (roles imply the weaker ones, as in Keycloak's realm). */
export function hasRole(me: Me | undefined, role: Role): boolean {
  if (!me) return false;
  const needed = ORDER.indexOf(role);
  return me.roles.some((r) => ORDER.indexOf(r as Role) >= needed);
}

export const MeContext = createContext<Me | undefined>(undefined);

export function useMe(): Me | undefined {
  return useContext(MeContext);
}

/** What the UI offers; the services still check every call (403 is handled like any problem). */
export function useAbilities() {
  const me = useMe();
  const administer = hasRole(me, 'admin');
  /** the tenants a tenant-limited caller may give a new set or rule; null when it sees every tenant */
  const ownTenants = !me || me.allTenants ? null : (me.tenants ?? []);
  return {
    me,
    /** assignments, exclusions, dry runs */
    operate: hasRole(me, 'operator'),
    /** policy sets, rules, real runs, cancel */
    administer,
    ownTenants,
    /**
     * Whether the caller may change a policy set or rule of this tenant (null: GLOBAL scope). GLOBAL ones only an
     * admin without a tenant claim (or a superadmin, who sees all tenants); tenant ones an admin of that tenant.
     */
    mayChange: (tenantId: string | null | undefined) =>
      administer && (ownTenants === null || (tenantId != null && ownTenants.includes(tenantId))),
    /** Whether the caller may create a policy set or rule in some scope (a tenant-limited admin: for its tenants). */
    mayCreate: administer && (ownTenants === null || ownTenants.length > 0),
  };
}
