import { z } from 'zod';
import { roles } from './accounts.tables.ts';

export const ZRole = z.enum(roles);
export const ZEmail = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'Địa chỉ email không hợp lệ.' }));

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  role: ZRole,
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  includeChildren: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZLogin = z.strictObject({ email: ZEmail, password: z.string().min(1).max(256) });
export const ZAuthResponse = z.object({ user: ZUser, csrfToken: z.string() });
export const ZChangePassword = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().max(256) });

export const ZUserCreate = z.strictObject({
  email: ZEmail,
  fullName: z.string().trim().min(1).max(200),
  role: ZRole,
  agencyId: z.uuid().nullable().optional(),
  includeChildren: z.boolean().optional(),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z.strictObject({
  version: z.number().int().positive(),
  fullName: z.string().trim().min(1).max(200).optional(),
  role: ZRole.optional(),
  agencyId: z.uuid().nullable().optional(),
  includeChildren: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

export const ZApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ZTokenCreate = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ZIdParams = z.strictObject({ id: z.uuid({ message: 'Mã định danh không hợp lệ.' }) });
export const ZOk = z.object({ ok: z.literal(true) });
