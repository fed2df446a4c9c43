import { useEffect, useRef, type CSSProperties } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Focus } from '../review';

interface Props {
  text: string;
  focus: Focus | null;
  lostDiacritics?: boolean;
  style?: CSSProperties;
}

/**
 * The document's text as the parser read it, with the span of the focused field marked
 * and scrolled into the middle of the panel (the panel scrolls, never the page).
 */
export function SourceText({ text, focus, lostDiacritics, style }: Props) {
  const { t } = useTranslation();
  const boxRef = useRef<HTMLDivElement>(null);
  const markRef = useRef<HTMLElement>(null);
  const span = focus?.span ?? null;

  useEffect(() => {
    const box = boxRef.current;
    const mark = markRef.current;
    if (!box || !mark) return;
    const top = mark.offsetTop - box.clientHeight / 3;
    box.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
  }, [span?.start, span?.end]);

  return (
    <Flex vertical style={{ minHeight: 0, ...style }} data-testid="source-panel">
      <Flex wrap align="center" gap={8} style={{ marginBottom: 8, minHeight: 24 }}>
        <Typography.Text strong>{t('plans.review.source')}</Typography.Text>
        {lostDiacritics ? <Tag color="warning">{t('plans.review.lostDiacritics')}</Tag> : null}
        {focus ? (
          <Typography.Text type={span ? 'secondary' : 'warning'} style={{ fontSize: 12 }} data-testid="source-focus">
            {span ? t('plans.review.showing', { field: focus.label }) : t('plans.review.noSpan', { field: focus.label })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('plans.review.focusHint')}
          </Typography.Text>
        )}
      </Flex>
      <div
        ref={boxRef}
        data-testid="source-text"
        tabIndex={0}
        aria-label={t('plans.review.source')}
        style={{
          position: 'relative',
          flex: 1,
          minHeight: 0,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
          // A document face rather than a code font: monospace fonts often lack Vietnamese's stacked diacritics.
          fontFamily: "'Noto Serif', 'Times New Roman', 'Liberation Serif', serif",
          fontSize: 14,
          lineHeight: 1.65,
          padding: 12,
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
        }}
      >
        {span ? (
          <>
            {text.slice(0, span.start)}
            <mark
              ref={markRef}
              data-testid="source-highlight"
              style={{ background: '#ffe58f', padding: '1px 0', borderRadius: 2, boxShadow: '0 0 0 2px #ffe58f' }}
            >
              {text.slice(span.start, span.end)}
            </mark>
            {text.slice(span.end)}
          </>
        ) : (
          text
        )}
      </div>
    </Flex>
  );
}
