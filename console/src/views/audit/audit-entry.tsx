import type { AuditEntry } from '../../api/admin-operations';
import { When } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { DetailFields } from './audit-details';
import { Actor, Subject } from './audit-subject';
import { detailTree } from './detail-tree';

/** The kinds of record entries are about (subjectType), for the filter. */
export const SUBJECT_TYPES = [
  'SHARE_REQUEST',
  'PACKET',
  'RECEIVED_PACKET',
  'OFFICER_ACCOUNT',
  'PARTNER_POLICY',
  'CERTIFICATE',
  'NODE_KEYS',
  'TAXII_ACCOUNT',
  'WATCHLIST_ENTRY',
  'CASE',
  'WATCHLIST',
  'LOGIN_SOURCE',
  'AUDIT_LOG',
];

/** One entry: when, what, who, what about, and its details as labelled fields. */
export function AuditEntryRow({ entry }: { entry: AuditEntry }) {
  const { t, code } = useI18n();
  return (
    <li class="audit-entry" data-type={entry.type} data-seq={entry.seq}>
      <div class="audit-head">
        <span class="audit-seq">#{entry.seq}</span> <When at={entry.occurredAt} />{' '}
        <strong class="audit-type">{code(entry.type)}</strong> <span class="muted">{t('audit.by')}</span>{' '}
        <Actor actor={entry.actor} />
      </div>
      <div class="audit-about">
        <Subject entry={entry} />
      </div>
      <DetailFields fields={detailTree(entry.details)} />
    </li>
  );
}
