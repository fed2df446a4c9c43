import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/context.ts';
import { loginAs, type Client } from '../helpers/factories.ts';

let t: TestApp;
let c: Client;
before(async () => {
  t = await createTestApp();
  c = (await loginAs(t, 'coordinator')).client;
});
after(async () => t.close());

function assertErrorShape(body: unknown, code: string) {
  const b = body as { error: { code: string; message: string; details: unknown } };
  assert.equal(b.error.code, code);
  assert.equal(typeof b.error.message, 'string');
  assert.ok(b.error.message.length > 5);
  // Messages are for Vietnamese users.
  assert.match(b.error.message, /[àáảãạăâđèéêìíòóôơùúưýạ-ỹ]/i);
  assert.ok('details' in b.error);
}

describe('bad input gets one error shape with a Vietnamese message', () => {
  test('health answers with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  test('malformed JSON → 400 invalid_json', async () => {
    const res = await c.request({ method: 'POST', url: '/api/agencies', headers: { 'content-type': 'application/json' }, payload: '{"code": "x", ' });
    assert.equal(res.statusCode, 400);
    assertErrorShape(res.json(), 'invalid_json');
  });

  test('unknown fields → 400 naming the field', async () => {
    const res = await c.request({ method: 'POST', url: '/api/agencies', payload: { code: 'abc', name: 'Cơ quan', kind: 'unit', isAdmin: true } });
    assert.equal(res.statusCode, 400);
    assertErrorShape(res.json(), 'validation_failed');
    assert.match(JSON.stringify(res.json().error.details), /isAdmin/);
  });

  test('wrong types and missing fields → 400 with the paths', async () => {
    const res = await c.request({ method: 'POST', url: '/api/agencies', payload: { code: 12, kind: 'galaxy' } });
    assert.equal(res.statusCode, 400);
    assertErrorShape(res.json(), 'validation_failed');
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes('code') && paths.includes('kind') && paths.includes('name'), JSON.stringify(paths));
  });

  test('bad ids and query values → 400, unknown ids → 404', async () => {
    assert.equal((await c.request({ method: 'GET', url: '/api/agencies/khong-phai-uuid' })).statusCode, 400);
    assert.equal((await c.request({ method: 'GET', url: '/api/agencies?kind=galaxy' })).statusCode, 400);
    assert.equal((await c.request({ method: 'GET', url: '/api/agencies?bogus=1' })).statusCode, 400);
    const missing = await c.request({ method: 'GET', url: '/api/agencies/00000000-0000-4000-8000-000000000000' });
    assert.equal(missing.statusCode, 404);
    assertErrorShape(missing.json(), 'not_found');
  });

  test('oversized bodies → 413', async () => {
    const res = await c.request({ method: 'POST', url: '/api/agencies', payload: { code: 'to', name: 'x'.repeat(2 * 1024 * 1024), kind: 'unit' } });
    assert.equal(res.statusCode, 413);
    assertErrorShape(res.json(), 'payload_too_large');
  });

  test('unsupported content type → 415', async () => {
    const res = await c.request({ method: 'POST', url: '/api/agencies', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    assert.equal(res.statusCode, 415);
    assertErrorShape(res.json(), 'unsupported_media_type');
  });

  test('unknown routes → 404 in the same shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/khong-co' });
    assert.equal(res.statusCode, 404);
    assertErrorShape(res.json(), 'not_found');
  });

  test('every response carries a request id and security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  });

  test('the OpenAPI document and the docs page are served', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(doc.statusCode, 200);
    const spec = doc.json();
    assert.match(spec.openapi, /^3\./);
    assert.ok(spec.paths['/api/agencies'].post.requestBody);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  test('a name with script tags is stored as plain text, never interpreted', async () => {
    const res = await c.request({ method: 'POST', url: '/api/agencies', payload: { code: 'xss-thu', name: '<script>alert(1)</script> Sở', kind: 'unit' } });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  });
});
