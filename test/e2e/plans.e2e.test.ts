/**
 * Plans end to end, in a real Chromium against the real server with the demo province
 * (thành phố Huế): the admin uploads the Huế plan 269/KH-UBND, fixes the review (a task
 * title, a wrong extra task refused by publishing with its problems listed, any agency
 * mention left unresolved), publishes; then an agency editor of one lead agency records
 * progress on its task, and finds another agency's task read-only (no form, and the API
 * answers 403). Screenshots at 1366×768 and 390×844 land in test-results/.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../helpers/server.ts';
import {
  startE2E,
  DESKTOP,
  hasHorizontalOverflow,
  login,
  openPage,
  PHONE,
  screenshot,
  uniqueSuffix,
} from './helpers.ts';

const SEED = path.resolve(process.cwd(), 'test/fixtures/seeds/000_004077f554441d6d.txt');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Calls the API with the page's session (cookies) and its CSRF token, as the SPA does. */
async function apiCall<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<{ status: number; body: T }> {
  const me = await page.request.get('/api/auth/me');
  assert.equal(me.status(), 200, 'the page has a session');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res =
    method === 'GET'
      ? await page.request.get(url)
      : await page.request.post(url, { data: data ?? {}, headers: { 'x-csrf-token': csrfToken } });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
}

interface Mention {
  mention: string;
  agencyIds: string[];
}
interface DraftTask {
  ref: string;
  title: string;
  lead: Mention[];
  coordinating: Mention[];
}
interface PlanTask {
  id: string;
  ref: string;
  title: string;
  status: string;
  agencies: { agencyId: string; agencyName: string; role: 'lead' | 'coordinating'; reason: string | null }[];
}

describe('plans in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let adminPassword: string;
  let planId: string;
  const suffix = uniqueSuffix();
  const editedTitleTail = ` (đã rà soát ${suffix})`;
  /** The editor's agency, a task it leads and a task it has nothing to do with. */
  let pick: { agencyId: string; agencyName: string; own: PlanTask; other: PlanTask } | null = null;
  /** Task index whose coordinating agencies the reviewer removes, when needed to get an unrelated task. */
  let trimIndex: number | null = null;
  let editor: { email: string; password: string };

  let env: Awaited<ReturnType<typeof startE2E>> | undefined;
  before(async () => {
    env = await startE2E({ demo: true });
    ({ server, browser } = env);
  });

  after(async () => env?.close());

  test('the admin imports the Huế plan, fixes the review and publishes it', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { viewport: DESKTOP });
    try {
      ({ password: adminPassword } = await login(page, { email: server.adminEmail, password: server.adminPassword }));

      // The plans menu and the import button.
      const nav = page.getByRole('menu');
      for (const item of ['Danh sách kế hoạch', 'Nhập kế hoạch', 'Nhiệm vụ quá hạn', 'Lịch hạn nhiệm vụ']) {
        await nav.getByText(item, { exact: true }).waitFor();
      }
      await nav.getByText('Danh sách kế hoạch', { exact: true }).click();
      await page.waitForURL('**/plans');
      await page.getByTestId('plan-import').click();
      await page.waitForURL('**/plans/import');

      // Upload the raw file; the review screen opens on the draft.
      await page.locator('[data-testid="plan-upload"] input[type="file"], .ant-upload input[type="file"]').first().setInputFiles(SEED);
      await page.waitForURL(/\/plans\/import\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      const importId = UUID.exec(page.url())![0];
      const cards = page.getByTestId('review-task');
      await cards.first().waitFor();
      const draft = (await apiCall<{ import: { draft: { number: string; tasks: DraftTask[] } } }>(page, 'GET', `/api/plan-imports/${importId}`)).body.import.draft;
      assert.equal(draft.number, '269/KH-UBND');
      assert.equal(await cards.count(), draft.tasks.length);
      assert.ok(draft.tasks.length >= 3, `tasks read: ${draft.tasks.length}`);
      await page.locator('#plan-number').waitFor();
      assert.equal(await page.locator('#plan-number').inputValue(), '269/KH-UBND');

      // Focusing a field marks its words in the source text.
      const first = cards.first();
      await first.getByLabel('Tên nhiệm vụ').click();
      const highlight = page.getByTestId('source-highlight');
      await highlight.waitFor();
      const firstTitle = draft.tasks[0]!.title;
      assert.equal((await highlight.innerText()).replace(/\s+/g, ' ').trim(), firstTitle.replace(/\s+/g, ' ').trim(), 'the highlighted span is the task title');
      await page.locator('#plan-number').click();
      await page.getByTestId('source-highlight').filter({ hasText: '269/KH-UBND' }).waitFor();
      await screenshot(page, 'plans-review-desktop');

      // Fix: the first task's title.
      await first.getByLabel('Tên nhiệm vụ').fill(`${firstTitle}${editedTitleTail}`);
      await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 15_000 });

      // Any unresolved agency mention gets an agency from its proposals or the directory.
      for (let guard = 0; guard < 20; guard++) {
        const unresolved = page.locator('[data-testid="review-mention"][data-unresolved="true"]').first();
        if ((await unresolved.count()) === 0) break;
        await unresolved.scrollIntoViewIfNeeded();
        await unresolved.getByTestId('mention-agencies').click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
        await page.keyboard.press('Escape');
      }
      assert.equal(await page.locator('[data-testid="review-mention"][data-unresolved="true"]').count(), 0);

      // Choose the editor's agency: a lead of some task that another task does not involve.
      // With whole groups ("các sở, ban, ngành") coordinating every task there may be none:
      // then the reviewer narrows one task to its lead agencies, which is a fix too.
      const fresh = (await apiCall<{ import: { draft: { tasks: DraftTask[] } } }>(page, 'GET', `/api/plan-imports/${importId}`)).body.import.draft;
      const involved = fresh.tasks.map((t) => new Set([...t.lead, ...t.coordinating].flatMap((m) => m.agencyIds)));
      const leadsOf = fresh.tasks.map((t) => new Set(t.lead.flatMap((m) => m.agencyIds)));
      const findPair = (sets: Set<string>[]) => {
        for (let x = 0; x < fresh.tasks.length; x++) {
          for (const a of leadsOf[x]!) {
            const y = sets.findIndex((s) => !s.has(a));
            if (y >= 0) return { x, y, a };
          }
        }
        return null;
      };
      if (!findPair(involved)) {
        for (let y = 0; y < fresh.tasks.length && trimIndex === null; y++) {
          const narrowed = involved.map((s, i) => (i === y ? leadsOf[y]! : s));
          if (findPair(narrowed)) trimIndex = y;
        }
        assert.notEqual(trimIndex, null, 'some task can be narrowed so an agency has nothing to do with it');
        const card = cards.nth(trimIndex!);
        const coordinating = card.getByTestId('review-coordinating').getByTestId('review-mention');
        while ((await coordinating.count()) > 0) {
          await coordinating.first().getByRole('button', { name: /^Bỏ “/ }).click();
        }
      }

      // A task added without a lead agency: publishing refuses and lists the problem.
      await page.getByTestId('review-add-task').click();
      const added = cards.last();
      await added.getByLabel('Tên nhiệm vụ').fill(`Nhiệm vụ thêm khi rà soát ${suffix}`);
      await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 15_000 });
      await page.getByTestId('review-publish').click();
      const problems = page.getByTestId('publish-problems');
      await problems.waitFor();
      assert.match(await problems.innerText(), /chủ trì/);
      await screenshot(page, 'plans-review-problems-desktop');
      assert.equal(await hasHorizontalOverflow(page), false, 'the review screen must not scroll sideways');

      // Remove it again, then publish for real.
      await added.getByRole('button', { name: /^Xóa nhiệm vụ/ }).click();
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xóa' }).click();
      // A string, because this file is compiled without the DOM library.
      await page.waitForFunction(`document.querySelectorAll('[data-testid="review-task"]').length === ${draft.tasks.length}`);
      await page.getByTestId('review-publish').click();
      await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      planId = UUID.exec(page.url())![0];

      // The plan page shows the header, the corrected task and its assigned agencies.
      await page.getByText('269/KH-UBND').first().waitFor();
      const table = page.getByTestId('tasks-table');
      await table.getByText(editedTitleTail.trim(), { exact: false }).waitFor();
      await screenshot(page, 'plans-detail-desktop');
      assert.equal(await hasHorizontalOverflow(page), false, 'the plan page must not scroll sideways');

      // The export buttons link to the plan's DOCX and XLSX with its task status.
      for (const [id, type] of [['export-docx', 'wordprocessingml'], ['export-xlsx', 'spreadsheetml']] as const) {
        const href = await page.getByTestId(id).getAttribute('href');
        assert.ok(href, `${id} has a link`);
        const file = await page.request.get(href);
        assert.equal(file.status(), 200, `${id}: ${file.status()}`);
        assert.match(file.headers()['content-type'] ?? '', new RegExp(type));
      }

      const plan = (await apiCall<{ number: string; tasks: PlanTask[] }>(page, 'GET', `/api/plans/${planId}`)).body;
      assert.equal(plan.number, '269/KH-UBND');
      assert.equal(plan.tasks.length, draft.tasks.length);
      assert.ok(plan.tasks[0]!.title.endsWith(editedTitleTail));
      for (const own of plan.tasks) {
        for (const lead of own.agencies.filter((a) => a.role === 'lead')) {
          const other = plan.tasks.find((t) => !t.agencies.some((a) => a.agencyId === lead.agencyId));
          if (other && !pick) pick = { agencyId: lead.agencyId, agencyName: lead.agencyName, own, other };
        }
      }
      assert.ok(pick, 'an agency leads one task and has no part in another');

      // A task opens in the drawer with its agencies (and the reason for successor assignments).
      await table.getByTestId('task-open').filter({ hasText: plan.tasks[0]!.title.slice(0, 30) }).click();
      const drawer = page.getByTestId('task-drawer');
      await drawer.getByTestId('task-agencies').waitFor();
      await drawer.getByTestId('progress-form').waitFor();
      await screenshot(page, 'plans-task-drawer-desktop');
      await page.keyboard.press('Escape');

      // Plans list: number, date and progress.
      await page.goto('/plans');
      // The demo province already has this plan (imported at start-up): there are two rows now.
      const row = page.getByTestId('plans-table').locator('tr', { hasText: '269/KH-UBND' }).first();
      await row.getByText('01/08/2023').waitFor();
      await row.getByTestId('plan-progress').waitFor();
      await screenshot(page, 'plans-list-desktop');

      // The editor's account, made through the users API with the admin's session.
      editor = { email: `dau-moi.${suffix}@example.gov.vn`, password: '' };
      const created = await apiCall<{ temporaryPassword: string }>(page, 'POST', '/api/users', {
        email: editor.email,
        fullName: `Đầu mối ${pick!.agencyName}`,
        role: 'agency_editor',
        agencyId: pick!.agencyId,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      editor.password = created.body.temporaryPassword;

      // The refused publish (422) is logged by the browser as a failed request: expected.
      const unexpected = errors.filter((e) => !/status of 422/.test(e));
      assert.deepEqual(unexpected, [], `console errors: ${unexpected.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('an agency editor reports progress on its task and cannot touch another agency’s task', async () => {
    assert.ok(pick && editor, 'the first test chose the agency and made the account');
    const { page, context, errors } = await openPage(browser, server.url, { viewport: DESKTOP });
    try {
      await login(page, { email: editor.email, password: editor.password });
      await page.getByRole('menu').getByText('Nhiệm vụ của cơ quan tôi', { exact: true }).click();
      await page.waitForURL('**/tasks/mine');
      // No import for an agency editor.
      assert.equal(await page.getByRole('menu').getByText('Nhập kế hoạch', { exact: true }).count(), 0);

      const table = page.getByTestId('tasks-table');
      const ownRow = table.locator(`tr[data-task-id="${pick.own.id}"]`);
      await ownRow.waitFor();
      assert.equal(await table.locator(`tr[data-task-id="${pick.other.id}"]`).count(), 0, 'the other task is not in my list');
      await ownRow.getByTestId('task-open').click();

      const drawer = page.getByTestId('task-drawer');
      const form = drawer.getByTestId('progress-form');
      await form.waitFor();
      await form.getByText('Đang thực hiện', { exact: true }).click();
      const note = `Đã đăng 3 tin bài trên cổng thông tin điện tử (${suffix}).`;
      await form.getByLabel('Nội dung đã thực hiện').fill(note);
      await form.getByTestId('evidence-add').click();
      await form.getByTestId('evidence-url').fill('https://hue.gov.vn/tin-tuc/truyen-thong-chinh-sach');
      // A file as evidence too: uploaded at once, sent with the report, downloadable from the history.
      await form.locator('input[type="file"]').setInputFiles({ name: 'bien-ban-hop-bao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Biên bản họp báo\n') });
      await form.getByTestId('evidence-files').getByText('bien-ban-hop-bao.pdf').waitFor();
      await form.getByTestId('progress-submit').click();
      const update = drawer.getByTestId('task-update').filter({ hasText: note });
      await update.waitFor();
      await update.getByRole('link', { name: /hue\.gov\.vn/ }).waitFor();
      const fileLink = update.getByTestId('evidence-file');
      assert.match((await fileLink.getAttribute('href')) ?? '', /^\/api\/files\/[0-9a-f]{64}$/);
      // The agency's own status on the task is now "in progress".
      await drawer.locator(`[data-testid="task-agency"][data-agency-id="${pick.agencyId}"] [data-testid="task-status"][data-status="in_progress"]`).waitFor();
      await screenshot(page, 'plans-progress-editor-desktop');
      await page.keyboard.press('Escape');

      // Another agency's task: readable, but no progress form…
      await page.goto(`/plans/${planId}?task=${pick.other.id}`);
      await drawer.getByTestId('progress-readonly').waitFor();
      assert.equal(await drawer.getByTestId('progress-form').count(), 0, 'no progress form on another agency’s task');
      // …and the API refuses a direct write.
      const direct = await apiCall<{ error: { code: string } }>(page, 'POST', `/api/tasks/${pick.other.id}/updates`, {
        agencyId: pick.other.agencies.find((a) => a.role === 'lead')?.agencyId,
        status: 'done',
        note: 'Không được phép',
        evidence: [],
      });
      assert.equal(direct.status, 403, JSON.stringify(direct.body));
      const directNoAgency = await apiCall(page, 'POST', `/api/tasks/${pick.other.id}/updates`, { status: 'done', note: '', evidence: [] });
      assert.ok([403, 422, 400].includes(directNoAgency.status), `without agencyId: ${directNoAgency.status}`);
      await screenshot(page, 'plans-other-task-readonly-desktop');

      // The recorded progress reached the plan: the own task is in progress.
      const plan = (await apiCall<{ tasks: PlanTask[] }>(page, 'GET', `/api/plans/${planId}`)).body;
      const own = plan.tasks.find((t) => t.id === pick!.own.id)!;
      assert.equal(own.agencies.find((a) => a.agencyId === pick!.agencyId)?.role, 'lead');
      assert.notEqual(own.status, 'not_started');
      assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('on a phone the plan, my tasks and the calendar fit the screen', async () => {
    assert.ok(pick && editor);
    const { page, context, errors } = await openPage(browser, server.url, { viewport: PHONE, isMobile: true });
    try {
      await login(page, { email: server.adminEmail, password: adminPassword });
      await page.goto(`/plans/${planId}`);
      await page.getByTestId('tasks-table').locator('tr[data-task-id]').first().waitFor();
      assert.equal(await hasHorizontalOverflow(page), false, 'the plan page must not scroll sideways on a phone');
      await screenshot(page, 'plans-detail-phone');

      await page.goto(`/plans/${planId}?task=${pick.own.id}`);
      await page.getByTestId('task-drawer').getByTestId('task-history').waitFor();
      await screenshot(page, 'plans-task-drawer-phone');

      await page.goto('/calendar');
      await page.getByTestId('calendar').waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      assert.equal(await hasHorizontalOverflow(page), false, 'the calendar must not scroll sideways on a phone');
      await screenshot(page, 'plans-calendar-phone');

      await page.goto('/tasks/overdue');
      await page.getByTestId('tasks-table').locator('tr[data-task-id]').first().waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      assert.equal(await hasHorizontalOverflow(page), false);
      await screenshot(page, 'plans-overdue-phone');

      // The review screen of a second import, on a phone, then discarded.
      await page.goto('/plans/import');
      await page.locator('.ant-upload input[type="file"]').first().setInputFiles(SEED);
      await page.waitForURL(/\/plans\/import\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      await page.getByTestId('review-task').first().waitFor();
      assert.equal(await hasHorizontalOverflow(page), false, 'the review screen must not scroll sideways on a phone');
      await screenshot(page, 'plans-review-phone');
      await page.getByTestId('review-discard').click();
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Hủy bản nhập' }).click();
      await page.waitForURL('**/plans/import');
      assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    } finally {
      await context.close();
    }

    // The calendar on a laptop, for the month of the first due date.
    const desk = await openPage(browser, server.url, { viewport: DESKTOP });
    try {
      await login(desk.page, { email: server.adminEmail, password: adminPassword });
      const plan = (await apiCall<{ tasks: { milestones: { dueDate: string }[] }[] }>(desk.page, 'GET', `/api/plans/${planId}`)).body;
      const due = plan.tasks.flatMap((t) => t.milestones.map((m) => m.dueDate)).sort()[0];
      await desk.page.goto(`/calendar${due ? `?month=${due.slice(0, 7)}` : ''}`);
      await desk.page.getByTestId('calendar').waitFor();
      if (due) await desk.page.getByTestId('calendar-item').first().waitFor();
      await screenshot(desk.page, 'plans-calendar-desktop');
      assert.deepEqual(desk.errors, [], `console errors: ${desk.errors.join('\n')}`);
    } finally {
      await desk.context.close();
    }
  });
});
