import type { RemovedField } from '../api/operations';
import { useI18n } from '../i18n/i18n';
import { flattenFields, isRemovalHead, isTransform, removalOf } from '../redaction/field-tree';

/**
 * A case (or preview) as indented fields. In the original, every field the policy withholds or
 * changes is highlighted and its first line names the rule; in the preview, changed fields are marked.
 */
export function FieldTree({ value, removed, side, label }: { value: unknown; removed: RemovedField[]; side: 'original' | 'preview'; label: string }) {
  const { t } = useI18n();
  const rows = flattenFields(value);
  return (
    <ul class={`field-tree ${side}`} aria-label={label}>
      {rows.map((row) => {
        const removal = removalOf(row.path, removed);
        const changed = removal && isTransform(removal);
        const cls = removal ? (changed ? 'changed' : 'removed') : '';
        const head = removal && isRemovalHead(row.path, removal);
        return (
          <li key={row.path} class={`depth-${Math.min(row.depth, 6)} ${cls}`} data-path={row.path}>
            <span class="key">{row.key}</span>
            {row.text !== undefined ? <span class="value">{row.text}</span> : null}
            {removal && side === 'original' && head ? (
              <span class="rule" data-testid="removal-rule">
                <span class="sr-only">{changed ? t('approvals.changedBy') : t('approvals.removedBy')} </span>
                {removal.rule}
              </span>
            ) : null}
            {removal && side === 'preview' && head ? <span class="rule">{t('approvals.changed')}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
