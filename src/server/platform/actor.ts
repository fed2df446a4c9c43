import type { Role } from '../modules/accounts/accounts.tables.ts';

/** Who is acting: every service call receives one, so authorization and audit never guess. */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  email: string | null;
  tenantId: string;
  role: Role | 'system';
  agencyId: string | null;
  includeChildren: boolean;
  /** Agencies this actor may edit as an agency editor: its agency and, with includeChildren, the subtree. */
  agencyScope: ReadonlySet<string>;
  requestId: string | null;
}

export function systemActor(tenantId: string, requestId: string | null = null): Actor {
  return {
    kind: 'system',
    userId: null,
    email: null,
    tenantId,
    role: 'system',
    agencyId: null,
    includeChildren: false,
    agencyScope: new Set(),
    requestId,
  };
}
