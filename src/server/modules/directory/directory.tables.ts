import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { tenants } from '../../platform/platform.tables.ts';

export const agencyKinds = ['province', 'department', 'district', 'commune', 'unit', 'press', 'party', 'mass_org', 'police', 'central'] as const;
export type AgencyKind = (typeof agencyKinds)[number];
export const networkRoles = ['spokesperson', 'comms_officer', 'press_contact'] as const;
export type NetworkRole = (typeof networkRoles)[number];

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortNames: text('short_names').array().notNull().default(sql`'{}'::text[]`),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    kind: text('kind', { enum: agencyKinds }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** Accent-folded name, short names and aliases, kept by the service for fast accent-insensitive search. */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agencies_code_idx').on(t.tenantId, t.code),
    index('agencies_parent_idx').on(t.parentId),
    index('agencies_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const agencySuccessions = pgTable(
  'agency_successions',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    predecessorId: uuid('predecessor_id').notNull().references(() => agencies.id),
    successorId: uuid('successor_id').notNull().references(() => agencies.id),
    duties: text('duties'),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] }), index('agency_successions_succ_idx').on(t.successorId)],
);

export const agencyGroups = pgTable(
  'agency_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agency_groups_code_idx').on(t.tenantId, t.code)],
);

export const agencyGroupMembers = pgTable(
  'agency_group_members',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    groupId: uuid('group_id').notNull().references(() => agencyGroups.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.agencyId] })],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    fullName: text('full_name').notNull(),
    title: text('title').notNull(),
    phone: text('phone'),
    email: text('email'),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_agency_idx').on(t.agencyId)],
);
