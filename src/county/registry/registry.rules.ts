import type { CountyPushKey } from '../../platform/db/schema.ts';

/**
 * A registered agency's standing from its events (docs/county-push.md "Pairing" step 2): the registration
 * is never changed; suspensions, reinstatements and key replacements are new facts, and the latest of each
 * decides. Pure.
 */
export interface AgencyEventFact {
  readonly kind: 'suspended' | 'reinstated' | 'keys_replaced';
  readonly reason: string | null;
  readonly pushKeys: readonly CountyPushKey[] | null;
}

export interface AgencyStanding {
  readonly suspended: boolean;
  /** The reason of the suspension in force (null when not suspended). */
  readonly suspendedReason: string | null;
  /** The push keys in force: those of the latest replacement, else those registered. */
  readonly pushKeys: readonly CountyPushKey[];
}

/** `events` in the order recorded. */
export function standingOf(
  registeredKeys: readonly CountyPushKey[],
  events: readonly AgencyEventFact[],
): AgencyStanding {
  let suspendedReason: string | null = null;
  let suspended = false;
  let pushKeys = registeredKeys;
  for (const event of events) {
    if (event.kind === 'suspended') {
      suspended = true;
      suspendedReason = event.reason;
    } else if (event.kind === 'reinstated') {
      suspended = false;
      suspendedReason = null;
    } else if (event.pushKeys) {
      pushKeys = event.pushKeys;
    }
  }
  return { suspended, suspendedReason, pushKeys };
}

/** Why the change cannot be made in this standing (a Chinese message), or null. */
export function eventRefusal(standing: AgencyStanding, kind: AgencyEventFact['kind']): string | null {
  if (kind === 'suspended' && standing.suspended) return '该机关的推送已处于暂停状态';
  if (kind === 'reinstated' && !standing.suspended) return '该机关的推送未被暂停，无需恢复';
  return null;
}
