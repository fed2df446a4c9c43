import type { ReactNode } from 'react';
import { Form, Tooltip } from 'antd';
import { ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';

interface Props {
  label: ReactNode;
  htmlFor?: string;
  /** Orange: the parser was unsure or found nothing. Red: must be fixed before publishing. */
  mark?: 'warning' | 'error' | null;
  tip?: string | null;
  children: ReactNode;
  style?: React.CSSProperties;
  testId?: string;
}

/**
 * A labelled field of the review form. A marked field gets antd's warning/error border
 * and an icon whose tooltip says why, so the reviewer knows where to look.
 */
export function ReviewField({ label, htmlFor, mark, tip, children, style, testId }: Props) {
  const icon =
    mark === 'error' ? (
      <ExclamationCircleFilled style={{ color: '#ff4d4f' }} />
    ) : mark === 'warning' ? (
      <WarningFilled style={{ color: '#faad14' }} />
    ) : null;
  return (
    <Form.Item
      label={
        <span>
          {label}
          {icon && tip ? (
            <Tooltip title={tip}>
              <span style={{ marginInlineStart: 6 }} aria-label={tip} role="img">
                {icon}
              </span>
            </Tooltip>
          ) : null}
        </span>
      }
      htmlFor={htmlFor}
      validateStatus={mark ?? undefined}
      style={{ marginBottom: 12, ...style }}
      data-testid={testId}
      data-mark={mark ?? 'none'}
    >
      {children}
    </Form.Item>
  );
}
