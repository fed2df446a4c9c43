/**
 * The directory end to end, in a real Chromium against the real server: sign in as the
 * first admin (changing the temporary password), create agencies, add a spokesperson,
 * find them on the public page without a session, and look at the layout on a laptop
 * (1366×768) and on a phone (390×844). Screenshots land in test-results/.
 */
import assert from 'node:assert/strict';
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

/** Picks an option of an antd Select whose control is labelled `label`. */
async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

describe('directory in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let password: string;
  const suffix = uniqueSuffix();
  const parent = { code: `e2e-tinh-${suffix}`, name: `Tỉnh Thử Nghiệm ${suffix}` };
  const agency = {
    code: `e2e-so-${suffix}`,
    name: `Sở Văn hóa, Thể thao và Du lịch Thử Nghiệm ${suffix}`,
    alias: `Sở Văn hóa Thể thao Du lịch cũ ${suffix}`,
  };
  const spokesperson = {
    fullName: 'Nguyễn Thị Hồng Nhung',
    title: 'Phó Giám đốc Sở',
    phone: '0234 3822 123',
    email: `nhung.${suffix}@example.gov.vn`,
  };

  let env: Awaited<ReturnType<typeof startE2E>> | undefined;
  before(async () => {
    env = await startE2E({ demo: false });
    ({ server, browser } = env);
  });

  after(async () => env?.close());

  test('admin signs in, creates agencies and a spokesperson', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { viewport: DESKTOP });
    try {
      // A wrong password shows the server's own (Vietnamese) message.
      await page.goto('/login');
      await page.getByLabel('Email').fill(server.adminEmail);
      await page.getByLabel('Mật khẩu', { exact: true }).fill('khong-dung-mat-khau');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      assert.ok((await page.getByTestId('login-error').innerText()).trim().length > 0);

      ({ password } = await login(page, { email: server.adminEmail, password: server.adminPassword }));
      await page.waitForURL('**/directory/agencies');

      // Admins see the administration menu.
      const nav = page.getByRole('menu');
      for (const item of ['Cơ quan', 'Nhóm cơ quan', 'Người trong mạng lưới', 'Người dùng', 'Nhật ký thay đổi', 'API tokens']) {
        await nav.getByText(item, { exact: true }).waitFor();
      }

      // A parent, then a department under it with an alias.
      for (const item of [parent, agency]) {
        await page.getByTestId('agency-create').click();
        await page.getByLabel('Mã', { exact: true }).fill(item.code);
        await page.getByLabel('Tên đầy đủ').fill(item.name);
        await chooseOption(page, 'Loại', item === parent ? 'Tỉnh / thành phố' : 'Sở, ban, ngành');
        if (item === agency) {
          await page.getByLabel('Cơ quan cấp trên').fill(parent.code);
          await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${parent.name}"]`).click();
          await page.getByLabel('Tên gọi khác').fill(agency.alias);
          await page.keyboard.press('Enter');
        }
        await page.getByTestId('agency-form-submit').click();
        await page.waitForURL(/\/directory\/agencies\/[^/]+$/);
        await page.getByTestId('agency-name').filter({ hasText: item.name }).waitFor();
        if (item === parent) await page.goto('/directory/agencies');
      }

      // The agency page links back to its parent and records its creation in the history.
      await page.getByTestId('agency-fields').getByRole('link', { name: parent.name }).waitFor();
      await page.getByRole('tab', { name: /Lịch sử thay đổi/ }).click();
      await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();

      // Spokesperson, added from the agency's page.
      await page.getByRole('tab', { name: /Người trong mạng lưới/ }).click();
      await page.getByTestId('agency-add-person').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Họ và tên').fill(spokesperson.fullName);
      await dialog.getByLabel('Chức vụ').fill(spokesperson.title);
      await dialog.getByLabel('Điện thoại').fill(spokesperson.phone);
      await dialog.getByLabel('Email').fill(spokesperson.email);
      assert.ok(await dialog.getByLabel('Người phát ngôn').isChecked(), 'a new person is a spokesperson by default');
      await dialog.getByRole('button', { name: 'Tạo mới' }).click();
      await page.getByTestId('people-table').getByText(spokesperson.fullName).waitFor();
      await screenshot(page, 'directory-agency-desktop');

      // The tree finds the department by its alias typed without diacritics (the API's q).
      await page.goto('/directory/agencies');
      await page.getByTestId('agency-tree').waitFor();
      await page.getByLabel('Tìm cơ quan').fill(`so van hoa the thao du lich cu ${suffix}`);
      await page.getByTestId('agency-tree').getByRole('link', { name: agency.name }).waitFor();
      await page.getByLabel('Tìm cơ quan').fill('');
      await page.getByTestId('agency-tree').getByRole('link', { name: parent.name }).waitFor();
      await screenshot(page, 'directory-tree-desktop');
      assert.equal(await hasHorizontalOverflow(page), false, 'the desktop page must not scroll sideways');

      // The people list filters by role and shows the new spokesperson.
      await page.goto('/directory/people?role=spokesperson');
      await page.getByTestId('people-table').getByText(spokesperson.fullName).waitFor();

      assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('the public page lists the spokesperson without a session', async () => {
    for (const [name, viewport, isMobile] of [
      ['public-spokespersons-desktop', DESKTOP, false],
      ['public-spokespersons-phone', PHONE, true],
    ] as const) {
      const { page, context, errors } = await openPage(browser, server.url, { viewport, isMobile });
      try {
        const response = await page.goto('/public/spokespersons');
        assert.equal(response?.status(), 200);
        const card = page.getByTestId('spokesperson-agency').filter({ hasText: agency.name });
        await card.waitFor();
        const person = card.getByTestId('spokesperson').filter({ hasText: spokesperson.fullName });
        await person.getByText(spokesperson.title).waitFor();
        await person.getByRole('link', { name: spokesperson.phone }).waitFor();
        await person.getByRole('link', { name: spokesperson.email }).waitFor();
        // No session was made: the admin menu is nowhere and the login link is offered.
        assert.equal(await page.getByTestId('user-menu').count(), 0);
        await page.getByRole('link', { name: 'Đăng nhập cho cán bộ' }).waitFor();
        assert.equal(await hasHorizontalOverflow(page), false, `${name} must not scroll sideways`);
        await screenshot(page, name);
        assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
      } finally {
        await context.close();
      }
    }
  });

  test('on a phone the menu is a drawer and wide tables scroll inside the page', async () => {
    const { page, context, errors } = await openPage(browser, server.url, { viewport: PHONE, isMobile: true });
    try {
      await login(page, { email: server.adminEmail, password });
      await page.getByTestId('menu-toggle').waitFor();
      assert.equal(await page.getByTestId('sider').count(), 0, 'no side bar on a phone');
      await page.getByTestId('menu-toggle').click();
      await page.getByRole('menu').getByText('Người trong mạng lưới', { exact: true }).click();
      await page.waitForURL('**/directory/people');
      await page.getByTestId('nav-drawer').waitFor({ state: 'hidden' });
      await page.getByTestId('people-table').getByText(spokesperson.fullName).waitFor();
      assert.equal(await hasHorizontalOverflow(page), false, 'the phone page must not scroll sideways');
      await screenshot(page, 'directory-people-phone');

      // The language switch changes the UI and is remembered across a reload.
      await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
      await page.getByRole('heading', { name: 'Network people' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Network people' }).waitFor();
      await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
      await page.getByRole('heading', { name: 'Người trong mạng lưới' }).waitFor();
      assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
