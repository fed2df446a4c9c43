import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endOf, milestonesFor, planHorizon } from './milestones.ts';

const plan = { issuedOn: '2023-08-01', horizonYear: 2025 };

test('a deadline is one due date', () => {
  assert.deepEqual(milestonesFor({ kind: 'deadline', due: '2024-12-01', from: null, to: null }, plan), [{ label: 'Hạn hoàn thành', dueDate: '2024-12-01' }]);
});

test('a period ends on its last day', () => {
  assert.deepEqual(milestonesFor({ kind: 'period', due: null, from: '2023', to: '2024' }, plan), [{ label: 'Kết thúc giai đoạn', dueDate: '2024-12-31' }]);
  assert.equal(milestonesFor({ kind: 'period', due: null, from: null, to: '6/2025' }, plan)[0]!.dueDate, '2025-06-30');
});

test('an annual task has one milestone per year to the horizon', () => {
  assert.deepEqual(
    milestonesFor({ kind: 'annual', due: null, from: null, to: null }, plan).map((m) => m.label),
    ['Năm 2023', 'Năm 2024', 'Năm 2025'],
  );
});

test('a recurring task has a quarterly check-in from the plan date', () => {
  const ms = milestonesFor({ kind: 'recurring', due: null, from: null, to: null }, plan);
  assert.equal(ms[0]!.label, 'Quý 3/2023');
  assert.equal(ms[0]!.dueDate, '2023-09-30');
  assert.equal(ms.at(-1)!.label, 'Quý 4/2025');
  assert.equal(ms.length, 10);
});

test('unspecified timelines have no milestone; bad values do not throw', () => {
  assert.deepEqual(milestonesFor({ kind: 'unspecified', due: null, from: null, to: null }, plan), []);
  assert.equal(endOf('13/2024'), null);
  assert.equal(endOf('xyz'), null);
  assert.equal(endOf('2/2024'), '2024-02-29');
});

test('the horizon is the latest year named, or two years after issue', () => {
  assert.equal(planHorizon('Truyền thông chính sách đến năm 2025', '2023-08-01', []), 2025);
  assert.equal(planHorizon('Kế hoạch', '2023-08-01', [null]), 2025);
  assert.equal(planHorizon('Kế hoạch', '2023-08-01', ['2026']), 2026);
});
