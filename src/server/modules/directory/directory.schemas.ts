import { z } from 'zod';
import { agencyKinds, networkRoles } from './directory.tables.ts';

const isoDate = z.iso.date({ message: 'Ngày phải có dạng YYYY-MM-DD.' });
const name = z.string().trim().min(1, 'Không được để trống.').max(300);
const nameList = z.array(z.string().trim().min(1).max(300)).max(50);

export const ZAgencyKind = z.enum(agencyKinds);
export const ZNetworkRole = z.enum(networkRoles);

export const ZAgency = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortNames: z.array(z.string()),
  aliases: z.array(z.string()),
  kind: ZAgencyKind,
  parentId: z.uuid().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TAgency = z.infer<typeof ZAgency>;

export const ZAgencyRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), active: z.boolean() });
export type TAgencyRef = z.infer<typeof ZAgencyRef>;

export const ZAgencyCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Mã cơ quan chỉ gồm chữ thường không dấu, số và dấu gạch ngang (2–63 ký tự).');

export const ZAgencyCreate = z.strictObject({
  code: ZAgencyCode,
  name,
  shortNames: nameList.optional(),
  aliases: nameList.optional(),
  kind: ZAgencyKind,
  parentId: z.uuid().nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
});
export type TAgencyCreate = z.infer<typeof ZAgencyCreate>;

export const ZAgencyUpdate = z.strictObject({
  version: z.number().int().positive(),
  code: ZAgencyCode.optional(),
  name: name.optional(),
  shortNames: nameList.optional(),
  aliases: nameList.optional(),
  kind: ZAgencyKind.optional(),
  parentId: z.uuid().nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
});
export type TAgencyUpdate = z.infer<typeof ZAgencyUpdate>;

export const ZAgencyListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  kind: ZAgencyKind.optional(),
  includeFormer: z.enum(['true', 'false']).optional(),
  parentId: z.uuid().optional(),
});

export const ZSuccessionCreate = z.strictObject({
  successorId: z.uuid(),
  duties: z.string().trim().max(1000).nullable().optional(),
  effectiveDate: isoDate,
});
export type TSuccessionCreate = z.infer<typeof ZSuccessionCreate>;

export const ZSuccession = z.object({ agency: ZAgencyRef, duties: z.string().nullable(), effectiveDate: z.string() });

export const ZPerson = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  fullName: z.string(),
  title: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(ZNetworkRole),
  version: z.number().int(),
});
export type TPerson = z.infer<typeof ZPerson>;

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{6,20}$/, 'Số điện thoại không hợp lệ.')
  .nullable()
  .optional();
const email = z.string().trim().toLowerCase().pipe(z.email({ message: 'Địa chỉ email không hợp lệ.' })).nullable().optional();

export const ZPersonCreate = z.strictObject({
  agencyId: z.uuid(),
  fullName: name,
  title: z.string().trim().min(1).max(300),
  phone,
  email,
  roles: z.array(ZNetworkRole).max(3).default([]),
});
export type TPersonCreate = z.input<typeof ZPersonCreate>;

export const ZPersonUpdate = z.strictObject({
  version: z.number().int().positive(),
  agencyId: z.uuid().optional(),
  fullName: name.optional(),
  title: z.string().trim().min(1).max(300).optional(),
  phone,
  email,
  roles: z.array(ZNetworkRole).max(3).optional(),
});
export type TPersonUpdate = z.infer<typeof ZPersonUpdate>;

export const ZPeopleQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  agencyId: z.uuid().optional(),
  role: ZNetworkRole.optional(),
});

export const ZGroup = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  members: z.array(ZAgencyRef),
  version: z.number().int(),
});
export type TGroup = z.infer<typeof ZGroup>;

export const ZGroupCreate = z.strictObject({
  code: ZAgencyCode,
  name,
  aliases: nameList.optional(),
  memberIds: z.array(z.uuid()).max(1000),
});
export type TGroupCreate = z.infer<typeof ZGroupCreate>;
export const ZGroupUpdate = z.strictObject({
  version: z.number().int().positive(),
  name: name.optional(),
  aliases: nameList.optional(),
  memberIds: z.array(z.uuid()).max(1000).optional(),
});
export type TGroupUpdate = z.infer<typeof ZGroupUpdate>;

export const ZAgencyDetail = z.object({
  agency: ZAgency,
  parent: ZAgencyRef.nullable(),
  children: z.array(ZAgencyRef),
  successors: z.array(ZSuccession),
  predecessors: z.array(ZSuccession),
  people: z.array(ZPerson),
  history: z.array(z.object({ at: z.string(), actorEmail: z.string().nullable(), action: z.string(), before: z.unknown(), after: z.unknown() })),
  allowedActions: z.array(z.string()),
});

export const ZResolveQuery = z.strictObject({ text: z.string().trim().min(1).max(500) });
export const ZResolveResult = z.object({
  match: z
    .object({
      id: z.uuid(),
      kind: z.enum(['agency', 'group']),
      name: z.string(),
      confidence: z.number(),
      current: z.array(ZAgencyRef),
    })
    .nullable(),
});

export const ZPublicSpokespersons = z.object({
  items: z.array(
    z.object({
      agency: ZAgencyRef,
      people: z.array(z.object({ fullName: z.string(), title: z.string(), phone: z.string().nullable(), email: z.string().nullable() })),
    }),
  ),
});
