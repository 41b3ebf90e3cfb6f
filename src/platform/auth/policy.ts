import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';
import { roleLabels, type Role } from './roles.ts';

/**
 * Declarative permissions (after Outline's policies). Each area declares, per action, which roles may
 * take it and how far it reaches: `own` — the principal's agency only; `supervised` — also the agencies
 * below it, for a supervisor (reading only). Outside the reach the answer is 404 (never a hint that the
 * record exists); inside the reach without the role, 403.
 */
export interface Rule {
  roles: readonly Role[] | 'any';
  reach: 'own' | 'supervised';
  /** Whether the action changes state (tokens need a write scope for it). */
  writes: boolean;
}

export type Policy<A extends string> = Record<A, Rule>;

export const definePolicy = <A extends string>(policy: Policy<A>): Policy<A> => policy;

export function reaches(principal: Principal, rule: Rule, agencyId: string): boolean {
  if (agencyId === principal.agencyId) return true;
  return (
    rule.reach === 'supervised' &&
    !rule.writes &&
    principal.roles.has('supervisor') &&
    principal.supervisedAgencyIds.has(agencyId)
  );
}

export function permits(principal: Principal, rule: Rule, agencyId: string): boolean {
  if (!reaches(principal, rule, agencyId)) return false;
  if (principal.scopes !== null && rule.writes && !principal.scopes.includes('write')) return false;
  if (agencyId !== principal.agencyId) return true; // a supervisor reading below: reaches() checked the role
  return rule.roles === 'any' ? principal.roles.size > 0 : rule.roles.some((r) => principal.roles.has(r));
}

/**
 * Throws NOT_FOUND outside the principal's reach, FORBIDDEN inside it without the role. The refusal names
 * its reason: the roles that may, or the token's missing write scope.
 */
export function authorize(principal: Principal, rule: Rule, agencyId: string): void {
  if (!reaches(principal, rule, agencyId)) throw new AppError('NOT_FOUND');
  if (!permits(principal, rule, agencyId))
    throw new AppError('FORBIDDEN', { detail: refusalReason(principal, rule) });
}

/** Why a principal inside the reach may not take the action, in the words a user reads. */
export function refusalReason(principal: Principal, rule: Rule): string {
  if (principal.scopes !== null && rule.writes && !principal.scopes.includes('write')) {
    return '此令牌只有读取权限，不能执行写入操作';
  }
  if (rule.roles === 'any') return '您在本机关没有任何角色，不能执行此操作';
  return `此操作需要以下角色之一：${rule.roles.map((r) => roleLabels[r]).join('、')}`;
}

/**
 * The actions of a policy the principal may take on a resource of the agency (Outline's policy presenter):
 * what the workbench shows as menus, buttons and forms. The server still decides each request.
 */
export function actionsOn<A extends string>(principal: Principal, policy: Policy<A>, agencyId: string): A[] {
  return (Object.keys(policy) as A[]).filter((action) => permits(principal, policy[action], agencyId));
}

/** The agencies a principal may read with this rule: its own and, for supervisors, those below. */
export function readableAgencies(principal: Principal, rule: Rule): string[] {
  const own = permits(principal, rule, principal.agencyId) ? [principal.agencyId] : [];
  if (rule.reach !== 'supervised' || rule.writes || !principal.roles.has('supervisor')) return own;
  return [...own, ...principal.supervisedAgencyIds];
}
