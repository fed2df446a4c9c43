import type { Actor } from '../../platform/actor.ts';

/**
 * Plans: the lead department's coordinators (and admins) import, publish and manage plans;
 * everyone signed in reads them; an agency editor records progress only for tasks assigned to
 * an agency in its scope, and only in that agency's name.
 */
const provinceWide = (a: Actor) => a.kind === 'system' || a.role === 'admin' || a.role === 'coordinator';

export const plansPolicy = {
  read: (_a: Actor) => true,
  importPlan: (a: Actor) => provinceWide(a),
  managePlan: (a: Actor) => provinceWide(a),
  reportProgress: (a: Actor, agencyId: string) => provinceWide(a) || (a.role === 'agency_editor' && a.agencyScope.has(agencyId)),
};
