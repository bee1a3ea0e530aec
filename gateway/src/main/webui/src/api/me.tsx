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
  return {
    me,
    /** assignments, exclusions, dry runs */
    operate: hasRole(me, 'operator'),
    /** policy sets, rules, real runs, cancel */
    administer: hasRole(me, 'admin'),
  };
}
