import { Fragment, type ReactNode } from 'react';
import { t, type MessageKey } from '@/utils/i18n';

/** A character no message contains, around the index of the element that goes there. */
const MARK = '\u0001';

/**
 * A message whose placeholders are elements (a bold menu name, a link): the translation decides where they
 * go, and the words around them stay plain text. Messages carry no markup of their own.
 */
export function richMessage(key: MessageKey, parts: readonly ReactNode[]): ReactNode[] {
  const text = t(
    key,
    parts.map((_, i) => `${MARK}${i}${MARK}`),
  );
  return text
    .split(MARK)
    .map((piece, i) => <Fragment key={i}>{i % 2 === 1 ? parts[Number(piece)] : piece}</Fragment>);
}
