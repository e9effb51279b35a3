import { ShortId } from '../../components/common';
import { Partner } from '../../components/partner';
import { useI18n } from '../../i18n/i18n';
import { Actor, CaseRef, PacketRef, PolicyLink } from './audit-subject';
import { type DetailNode, detailLabel } from './detail-tree';

// Detail keys whose values name a partner node, an officer, a record, a code, or carry long machine text.
const NODE_KEYS = new Set([
  'partnerId',
  'originNode',
  'deliveredBy',
  'nodeId',
  'from',
  'origin',
  'agencyId',
  'exchangeId',
  'receivedFrom',
  'sourceNode',
]);
const OFFICER_KEYS = new Set(['requestedBy', 'decidedBy', 'draftedBy', 'previousRequesters']);
const PACKET_KEYS = new Set(['packetId', 'inReplyTo']);
const LONG_KEYS = new Set(['certificate', 'signature', 'coversHash', 'contentHash', 'detail', 'lastError']);
const ID_KEYS = new Set(['receivedPacketId', 'keyId', 'retiredKeyId', 'certificateFingerprint', 'entryId']);
const CODE_KEYS = new Set([
  'reason',
  'failure',
  'status',
  'kind',
  'purpose',
  'packetType',
  'roles',
  'previousRoles',
  'change',
  'action',
  'urgency',
  'answerState',
  'receiptStatus',
  'throttled',
  'identifierType',
  'offenceCategory',
  'severity',
]);

/** One value as a person reads it: partners by name, records linked, codes translated, long text folded away. */
function DetailValue({
  name,
  value,
  caseId,
}: {
  name: string;
  value: string | number | boolean | null;
  caseId?: string;
}) {
  const { t, code, maybe } = useI18n();
  if (value === null || value === '') return <span class="muted">—</span>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  const text = String(value);
  if (NODE_KEYS.has(name)) return <Partner id={text} />;
  if (OFFICER_KEYS.has(name)) return <Actor actor={text} />;
  if (PACKET_KEYS.has(name)) return <PacketRef packetId={text} />;
  if (name === 'caseId') return <CaseRef id={text} />;
  if (name === 'caseReference' && caseId) return <CaseRef id={caseId} reference={text} />;
  if (name === 'policyVersion') return <PolicyLink label={text} />;
  if (name === 'entryId' || name === 'statusId') return <ShortId value={text} length={12} />;
  if (LONG_KEYS.has(name) && text.length > 48)
    return (
      <details class="long-value">
        <summary>
          <code>{text.slice(0, 24)}…</code>{' '}
          <span class="muted small">{t('audit.characters', { count: text.length })}</span>
        </summary>
        <pre class="wrap">{text}</pre>
      </details>
    );
  if (ID_KEYS.has(name)) return <ShortId value={text} length={12} />;
  // Values only the trail uses (a case's kind of change, a receipt) are worded here; the rest are the API's codes.
  if (CODE_KEYS.has(name)) return <>{maybe(`audit.value.${text}`) ?? code(text)}</>;
  return <span class="prose">{text}</span>;
}

/** A list: each item on its own, nested groups indented under it. */
function DetailList({ items }: { items: DetailNode[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <span class="muted">{t('audit.emptyList')}</span>;
  return (
    <ul class="audit-values">
      {items.map((item, n) => (
        <li key={n}>
          <DetailContent node={item} />
        </li>
      ))}
    </ul>
  );
}

function DetailContent({ node, caseId }: { node: DetailNode; caseId?: string }) {
  if (node.kind === 'list') return <DetailList items={node.items} />;
  if (node.kind === 'fields') return <DetailFields fields={node.fields} nested />;
  return <DetailValue name={node.key} value={node.value} caseId={caseId} />;
}

/** With the case's reference beside it, the case id says nothing more: the reference names (and links) the case. */
function caseIdBesideReference(fields: DetailNode[]): DetailNode | undefined {
  const id = fields.find((node) => node.key === 'caseId' && node.kind === 'value' && typeof node.value === 'string');
  const named = fields.some((node) => node.key === 'caseReference' && node.kind === 'value' && node.value);
  return named ? id : undefined;
}

/** A nested object, or a list holding some, takes the whole row: its fields go indented under the label. */
const isGroup = (node: DetailNode): boolean =>
  node.kind === 'fields' || (node.kind === 'list' && node.items.some((item) => item.kind !== 'value'));

/** Labelled fields (a definition list); a nested object is a definition list of its own, indented. */
export function DetailFields({ fields, nested = false }: { fields: DetailNode[]; nested?: boolean }) {
  const { maybe } = useI18n();
  if (fields.length === 0) return null;
  const caseId = caseIdBesideReference(fields);
  const shown = caseId ? fields.filter((node) => node !== caseId) : fields;
  const caseIdValue = caseId?.kind === 'value' ? String(caseId.value) : undefined;
  return (
    <dl class={nested ? 'audit-details audit-nested' : 'audit-details'}>
      {shown.map((node) => (
        <div key={node.key} class={isGroup(node) ? 'audit-detail audit-group' : 'audit-detail'} data-key={node.key}>
          <dt>{detailLabel(node.key, maybe)}</dt>
          <dd>
            <DetailContent node={node} caseId={caseIdValue} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
