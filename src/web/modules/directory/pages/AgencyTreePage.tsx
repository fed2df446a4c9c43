import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Switch, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeader, QueryError } from '../../../app/components';
import { formatDate, viCollator } from '../../../app/format';
import { AGENCY_KINDS, useAgencies, type Agency, type AgencyKind } from '../api';

interface Node extends TreeDataNode {
  key: string;
  agency: Agency;
  children: Node[];
}

/**
 * Builds the tree by parentId. An agency whose parent is not in the list (a search hit,
 * or a parent filtered out as former) becomes a root, so every hit stays visible.
 * Search results keep the server's order (best match first); the full tree is sorted
 * with current agencies before former ones, each in Vietnamese order.
 */
function buildTree(agencies: Agency[], keepOrder: boolean): Node[] {
  const nodes = new Map<string, Node>();
  for (const agency of agencies) nodes.set(agency.id, { key: agency.id, agency, children: [] });
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.agency.parentId ? nodes.get(node.agency.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: Node[]) => {
    if (!keepOrder) {
      list.sort(
        (a, b) => Number(b.agency.active) - Number(a.agency.active) || viCollator.compare(a.agency.name, b.agency.name),
      );
    }
    for (const n of list) {
      sort(n.children);
      if (n.children.length === 0) n.isLeaf = true;
    }
  };
  sort(roots);
  return roots;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

export default function AgencyTreePage() {
  const { t } = useTranslation();
  const { canManageDirectory } = useAuth();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const includeFormer = params.get('former') === '1';
  const kind = (params.get('kind') as AgencyKind | null) ?? undefined;
  const q = useDebounced(text.trim(), 300);

  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const agencies = useAgencies({ q: q || undefined, includeFormer, kind });
  const tree = useMemo(() => buildTree(agencies.data ?? [], Boolean(q)), [agencies.data, q]);
  const searching = Boolean(q) || Boolean(kind);

  const [expanded, setExpanded] = useState<string[]>([]);
  useEffect(() => {
    // Searches open every branch; the plain directory opens its first level.
    if (searching) setExpanded((agencies.data ?? []).map((a) => a.id));
    else setExpanded(tree.map((n) => n.key));
  }, [searching, agencies.data, tree]);

  return (
    <>
      <PageHeader
        title={t('directory.agenciesTitle')}
        subtitle={t('directory.agenciesSubtitle')}
        extra={
          canManageDirectory ? (
            <Link to="/directory/agencies/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="agency-create">
                {t('directory.createAgency')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(value) => setText(value)}
            placeholder={t('directory.searchPlaceholder')}
            aria-label={t('directory.searchLabel')}
            data-testid="agency-search"
            style={{ flex: '1 1 280px', maxWidth: 520 }}
            loading={agencies.isFetching && Boolean(q)}
          />
          <Select<AgencyKind | undefined>
            allowClear
            value={kind}
            onChange={(value) => setParam('kind', value ?? null)}
            placeholder={t('directory.allKinds')}
            aria-label={t('directory.fields.kind')}
            options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            style={{ width: 200 }}
          />
          <Flex align="center" gap={8}>
            <Switch
              checked={includeFormer}
              onChange={(checked) => setParam('former', checked ? '1' : null)}
              aria-label={t('directory.showFormer')}
              data-testid="show-former"
            />
            <Typography.Text>{t('directory.showFormer')}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {agencies.data ? t('directory.agencyCount', { count: agencies.data.length }) : null}
          </Typography.Text>
        </Flex>
        {agencies.error ? (
          <QueryError error={agencies.error} onRetry={() => void agencies.refetch()} />
        ) : tree.length === 0 && !agencies.isLoading ? (
          <Empty description={searching ? t('directory.noSearchResults') : t('directory.empty')} />
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <Tree<Node>
              treeData={tree}
              showLine
              blockNode
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectable={false}
              data-testid="agency-tree"
              titleRender={(node) => {
                const a = node.agency;
                return (
                  <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, paddingBlock: 2 }}>
                    <Link
                      to={`/directory/agencies/${a.id}`}
                      style={a.active ? undefined : { color: 'rgba(0,0,0,0.45)' }}
                    >
                      {a.name}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {a.code}
                    </Typography.Text>
                    <Tag variant="filled">{t(`kinds.${a.kind}`)}</Tag>
                    {!a.active ? (
                      <Tag color="default">
                        {a.validTo ? t('directory.formerUntil', { date: formatDate(a.validTo) }) : t('directory.former')}
                      </Tag>
                    ) : null}
                  </span>
                );
              }}
            />
          </div>
        )}
      </Card>
    </>
  );
}
