import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { RemovedField } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { isRemovalHead, isTransform, removalOf } from '../redaction/removals';

/**
 * Where a document is compared with what a policy made of it: the original marks each withheld or
 * changed part with the rule behind it, the preview marks what changed. Plain documents mark nothing.
 */
export interface Marks {
  side: 'plain' | 'original' | 'preview';
  removed: readonly RemovedField[];
}

export const MarksContext = createContext<Marks>({ side: 'plain', removed: [] });

export interface Mark {
  cls: '' | 'removed' | 'changed';
  rule?: ComponentChildren;
}

/** The mark of the part of the document at `path`; the rule is shown once, on the part it names. */
export function useMark(path: string): Mark {
  const { side, removed } = useContext(MarksContext);
  const { t, ruleText } = useI18n();
  if (side === 'plain') return { cls: '' };
  const removal = removalOf(path, removed);
  if (!removal) return { cls: '' };
  const changed = isTransform(removal);
  const cls = changed ? 'changed' : 'removed';
  if (!isRemovalHead(path, removal)) return { cls };
  if (side === 'preview')
    return { cls, rule: <span class="rule">{changed ? t('doc.changedHere') : t('doc.withheldHere')}</span> };
  return {
    cls,
    rule: (
      <span class="rule" data-testid="removal-rule">
        <span class="sr-only">{changed ? t('approvals.changedBy') : t('approvals.removedBy')} </span>
        {ruleText(removal)}
      </span>
    ),
  };
}

/** One labelled field of a document; `path` is the policy-engine path, kept as data-path for tests and marks. */
export function DocField({
  path,
  label,
  children,
  mono,
}: {
  path: string;
  label: string;
  children: ComponentChildren;
  mono?: boolean;
}) {
  const mark = useMark(path);
  return (
    <div class={`doc-field ${mark.cls}`} data-path={path}>
      <dt>{label}</dt>
      <dd>
        <span class={mono ? 'doc-value mono' : 'doc-value'}>{children}</span>
        {mark.rule}
      </dd>
    </div>
  );
}

/** A value in a list field (an offence category, a handling code) that a policy may withhold on its own. */
export function DocChip({ path, children }: { path: string; children: ComponentChildren }) {
  const mark = useMark(path);
  return (
    <span class={`chip ${mark.cls}`} data-path={path}>
      <span class="doc-value">{children}</span>
      {mark.rule}
    </span>
  );
}
