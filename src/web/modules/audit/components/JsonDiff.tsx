import { useMemo, useState } from 'react';
import { Flex, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Change = 'added' | 'removed' | 'changed' | 'same';

interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  change: Change;
}

const MISSING = Symbol('missing');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects are walked key by key; arrays and scalars are compared whole (index diffs read badly). */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix || '(value)', value);
}

export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', a);
  if (after !== null && after !== undefined) flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const x = a.has(path) ? a.get(path) : MISSING;
    const y = b.has(path) ? b.get(path) : MISSING;
    let change: Change;
    if (x === MISSING) change = 'added';
    else if (y === MISSING) change = 'removed';
    else change = JSON.stringify(x) === JSON.stringify(y) ? 'same' : 'changed';
    return { path, before: x === MISSING ? undefined : x, after: y === MISSING ? undefined : y, change };
  });
}

function Value({ value }: { value: unknown }) {
  if (value === undefined) return null;
  if (value === null) return <Typography.Text type="secondary">null</Typography.Text>;
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).normalize('NFC');
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</span>;
}

const BACKGROUND: Record<Change, { before?: string; after?: string }> = {
  added: { after: '#e6f4ea' },
  removed: { before: '#fdecea' },
  changed: { before: '#fdecea', after: '#e6f4ea' },
  same: {},
};

/** Before/after of an audit row as a field-by-field table; unchanged fields on request. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const [showSame, setShowSame] = useState(false);
  const rows = useMemo(() => diffJson(before, after), [before, after]);
  const visible = showSame ? rows : rows.filter((r) => r.change !== 'same');
  const sameCount = rows.length - rows.filter((r) => r.change !== 'same').length;

  // Values use the UI font: many monospace fonts lack Vietnamese letters with two marks (ố, ệ).
  const cell: React.CSSProperties = {
    padding: '4px 8px',
    borderBottom: '1px solid #f0f0f0',
    verticalAlign: 'top',
    fontSize: 13,
  };
  const mono: React.CSSProperties = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

  return (
    <div data-testid="json-diff">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('audit.diffSummary', { changed: rows.length - sameCount, same: sameCount })}
        </Typography.Text>
        {sameCount > 0 ? (
          <Flex align="center" gap={6}>
            <Switch size="small" checked={showSame} onChange={setShowSame} aria-label={t('audit.showUnchanged')} />
            <Typography.Text>{t('audit.showUnchanged')}</Typography.Text>
          </Flex>
        ) : null}
      </Flex>
      {visible.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%', minWidth: 480 }}>
            <thead>
              <tr>
                <th style={{ ...cell, textAlign: 'start', width: '24%' }}>{t('audit.field')}</th>
                <th style={{ ...cell, textAlign: 'start', width: '38%' }}>{t('audit.before')}</th>
                <th style={{ ...cell, textAlign: 'start', width: '38%' }}>{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <tr key={row.path}>
                  <td style={{ ...cell, ...mono, fontWeight: 600 }}>{row.path}</td>
                  <td style={{ ...cell, background: BACKGROUND[row.change].before }}>
                    <Value value={row.before} />
                  </td>
                  <td style={{ ...cell, background: BACKGROUND[row.change].after }}>
                    <Value value={row.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
