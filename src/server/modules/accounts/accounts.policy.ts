import type { Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

/** Accounts: only administrators manage users; everyone manages their own password and API tokens. */
export const accountsPolicy = {
  manageUsers: (a: Actor) => a.role === 'admin' || a.kind === 'system',
  manageOwnTokens: (a: Actor) => a.kind === 'user',
  readAudit: (a: Actor) => a.role === 'admin',
};

export function authorize(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}
