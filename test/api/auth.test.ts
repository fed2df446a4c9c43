import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/context.ts';
import { buildUser, login, TEST_PASSWORD } from '../helpers/factories.ts';
import { users, sessions } from '../../src/server/modules/accounts/accounts.tables.ts';
import { auditLog } from '../../src/server/platform/platform.tables.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

describe('login and sessions', () => {
  test('the first administrator signs in with the one-time password and must change it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.admin.email, password: t.admin.password } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.user.role, 'admin');
    assert.equal(body.user.mustChangePassword, true);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /dt_session=/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    // The stored session id is a hash, never the cookie value itself.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await t.ctx.db.select().from(sessions);
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => r.id !== token));
  });

  test('a wrong password is 401 with a Vietnamese message, an unknown email too', async () => {
    const user = await buildUser(t, 'leader');
    for (const email of [user.email, 'khong-ton-tai@example.vn']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'sai-mat-khau-123' } });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'invalid_credentials');
      assert.match(res.json().error.message, /không đúng/);
    }
  });

  test('email is case-insensitive', async () => {
    const user = await buildUser(t, 'leader');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD } });
    assert.equal(res.statusCode, 200);
  });

  test('five wrong passwords lock the account (429) even for the right password, and the lockout is audited', async () => {
    const user = await buildUser(t, 'leader');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: `sai-${i}-mat-khau` }, remoteAddress: `10.0.0.${i}` });
      codes.push(res.statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 401, 429]);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: '10.0.1.1' });
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error.code, 'too_many_attempts');
    assert.match(res.json().error.message, /tạm khóa/);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    assert.ok(audit.some((a) => a.action === 'auth.lockout'));
    // An admin reset unlocks.
    await t.ctx.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.id));
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: '10.0.1.2' });
    assert.equal(again.statusCode, 200);
  });

  test('one address sending too many login requests gets 429 from the rate limit', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `x${i}@example.vn`, password: 'khong-dung-1234' }, remoteAddress: '192.0.2.77' });
      last = res.statusCode;
      if (last === 429) {
        assert.equal(res.json().error.code, 'rate_limited');
        break;
      }
    }
    assert.equal(last, 429);
  });

  test('me, logout, and the session is gone', async () => {
    const user = await buildUser(t, 'coordinator');
    const c = await login(t, user.email);
    const me = await c.request({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.email, user.email);
    assert.equal(me.json().csrfToken, c.csrf);
    const out = await c.request({ method: 'POST', url: '/api/auth/logout' });
    assert.equal(out.statusCode, 200);
    const after = await c.request({ method: 'GET', url: '/api/auth/me' });
    assert.equal(after.statusCode, 401);
  });

  test('writes with a session cookie need the CSRF token', async () => {
    const user = await buildUser(t, 'coordinator');
    const c = await login(t, user.email);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: c.cookie }, payload: { name: 'x' } });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf_failed');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: c.cookie, 'x-csrf-token': 'gia-mao' }, payload: { name: 'x' } });
    assert.equal(wrong.statusCode, 403);
    const ok = await c.request({ method: 'POST', url: '/api/tokens', payload: { name: 'x' } });
    assert.equal(ok.statusCode, 201);
  });

  test('password change: wrong current password refused, weak password refused, then old password no longer works', async () => {
    const user = await buildUser(t, 'leader');
    const c = await login(t, user.email);
    const wrong = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'khong-phai', newPassword: 'Mot-mat-khau-moi-2026' } });
    assert.equal(wrong.statusCode, 400);
    const weak = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'ngan' } });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.json().error.message, /ít nhất 10 ký tự/);
    const ok = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mot-mat-khau-moi-2026' } });
    assert.equal(ok.statusCode, 200);
    // The current session stays signed in.
    assert.equal((await c.request({ method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword, false);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: '10.9.9.9' });
    assert.equal(old.statusCode, 401);
    await login(t, user.email, 'Mot-mat-khau-moi-2026');
  });

  test('passwords are stored as argon2id hashes', async () => {
    const user = await buildUser(t, 'leader');
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    assert.match(row!.passwordHash, /^\$argon2id\$/);
    assert.ok(!row!.passwordHash.includes(TEST_PASSWORD));
  });
});

describe('user management', () => {
  test('an admin creates a user with a one-time password; reset issues a new one and ends sessions', async () => {
    const admin = await buildUser(t, 'admin');
    const c = await login(t, admin.email);
    const created = await c.request({ method: 'POST', url: '/api/users', payload: { email: 'Moi.Nguoi@Example.vn', fullName: 'Trần Thị Mới', role: 'leader' } });
    assert.equal(created.statusCode, 201);
    const { user, temporaryPassword } = created.json();
    assert.equal(user.email, 'moi.nguoi@example.vn');
    assert.equal(user.mustChangePassword, true);
    const u = await login(t, user.email, temporaryPassword);
    const dup = await c.request({ method: 'POST', url: '/api/users', payload: { email: 'moi.nguoi@example.vn', fullName: 'X', role: 'leader' } });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'duplicate');
    const reset = await c.request({ method: 'POST', url: `/api/users/${user.id}/reset-password` });
    assert.equal(reset.statusCode, 200);
    assert.notEqual(reset.json().temporaryPassword, temporaryPassword);
    assert.equal((await u.request({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    await login(t, user.email, reset.json().temporaryPassword);
  });

  test('an agency editor needs an agency; stale versions are refused; a disabled user cannot sign in', async () => {
    const admin = await buildUser(t, 'admin');
    const c = await login(t, admin.email);
    const noAgency = await c.request({ method: 'POST', url: '/api/users', payload: { email: 'bt@example.vn', fullName: 'Biên tập', role: 'agency_editor' } });
    assert.equal(noAgency.statusCode, 400);
    const target = await buildUser(t, 'leader');
    const ok = await c.request({ method: 'PATCH', url: `/api/users/${target.id}`, payload: { version: target.version, disabled: true } });
    assert.equal(ok.statusCode, 200);
    const stale = await c.request({ method: 'PATCH', url: `/api/users/${target.id}`, payload: { version: target.version, fullName: 'Tên khác' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'stale_version');
    const denied = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: target.email, password: TEST_PASSWORD } });
    assert.equal(denied.statusCode, 403);
  });
});

describe('API tokens', () => {
  test('a token acts for its owner without CSRF, is stored hashed, and stops working when revoked', async () => {
    const user = await buildUser(t, 'coordinator');
    const c = await login(t, user.email);
    const created = await c.request({ method: 'POST', url: '/api/tokens', payload: { name: 'Tích hợp cổng thông tin' } });
    assert.equal(created.statusCode, 201);
    const { token, item } = created.json();
    assert.match(token, /^dtk_/);
    const auth = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.id, user.id);
    const write = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: auth, payload: { code: 'tu-token', name: 'Đơn vị tạo bằng token', kind: 'unit' } });
    assert.equal(write.statusCode, 201);
    const list = await c.request({ method: 'GET', url: '/api/tokens' });
    assert.equal(list.json().items[0].lastUsedAt !== null, true);
    assert.equal((await c.request({ method: 'DELETE', url: `/api/tokens/${item.id}` })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer dtk_gia' } })).statusCode, 401);
  });
});
