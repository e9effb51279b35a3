import type { ComponentChildren } from 'preact';
import type { AuditEntry } from '../../api/admin-operations';
import { ShortId, When } from '../../components/common';
import { Partner } from '../../components/partner';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../route';
import { useSession } from '../../session';

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

// Detail keys whose values name a partner node, a packet, or carry long machine text.
const NODE_KEYS = new Set(['partnerId', 'originNode', 'deliveredBy', 'nodeId', 'from', 'origin']);
const LONG_KEYS = new Set(['certificate', 'signature', 'coversHash', 'contentHash', 'detail']);
const ID_KEYS = new Set([
  'packetId',
  'caseId',
  'receivedPacketId',
  'keyId',
  'retiredKeyId',
  'certificateFingerprint',
  'entryId',
]);

function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One detail value as a person reads it: partners by name, codes translated, long text folded away. */
function DetailValue({ name, value }: { name: string; value: unknown }) {
  const { t, code } = useI18n();
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value))
    return <>{value.map((v) => (typeof v === 'string' ? code(v) : JSON.stringify(v))).join(', ')}</>;
  if (typeof value === 'object') return <code class="wrap">{JSON.stringify(value)}</code>;
  const text = String(value);
  if (NODE_KEYS.has(name)) return <Partner id={text} />;
  if (name === 'policyVersion') return <PolicyLink label={text} />;
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
  if (
    name === 'reason' ||
    name === 'failure' ||
    name === 'status' ||
    name === 'kind' ||
    name === 'purpose' ||
    name === 'packetType'
  )
    return <>{code(text)}</>;
  return <span class="prose">{text}</span>;
}

/** kr-knpa/kh-cnp/v2 → the policy view of that version. */
function PolicyLink({ label }: { label: string }) {
  const match = /^[^/]+\/([^/]+)\/v(\d+)$/.exec(label);
  if (!match) return <>{label}</>;
  return <a href={routeHref(['admin', 'policies', match[1]], { version: match[2] })}>{label}</a>;
}

function Actor({ actor }: { actor: string | null }) {
  const { t } = useI18n();
  const { partners, node } = useSession();
  if (actor === null) return <span class="muted">{t('audit.theNode')}</span>;
  if (actor === node.id || partners.has(actor)) return <Partner id={actor} />;
  if (actor === 'retention') return <span>{t('audit.retention')}</span>;
  return (
    <a href={routeHref(['audit'], { actor })} title={t('audit.byActor', { actor })}>
      {actor}
    </a>
  );
}

/** What an entry is about, named and linked where the reader can open it. */
function Subject({ entry }: { entry: AuditEntry }) {
  const { t, code } = useI18n();
  const { has } = useSession();
  const d = entry.details;
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  if (!entry.subjectType) return <span class="muted">—</span>;
  let named: ComponentChildren = <ShortId value={entry.subjectId} length={12} />;
  switch (entry.subjectType) {
    case 'SHARE_REQUEST':
      named = (
        <>
          {has('AUDITOR') && entry.subjectId ? (
            <a href={routeHref(['sent', entry.subjectId])}>{str('caseReference') ?? entry.subjectId.slice(0, 8)}</a>
          ) : (
            (str('caseReference') ?? <ShortId value={entry.subjectId} />)
          )}
          {str('partnerId') ? (
            <>
              {' → '}
              <Partner id={str('partnerId')} />
            </>
          ) : null}
        </>
      );
      break;
    case 'OFFICER_ACCOUNT':
      named = <strong>{str('username') ?? entry.actor ?? <ShortId value={entry.subjectId} />}</strong>;
      break;
    case 'PARTNER_POLICY':
      named = entry.subjectId ? <PolicyLink label={entry.subjectId} /> : null;
      break;
    case 'TAXII_ACCOUNT':
      named = <Partner id={entry.subjectId} />;
      break;
    case 'CERTIFICATE':
      named = (
        <>
          <ShortId value={entry.subjectId} length={16} /> {str('nodeId') ? <Partner id={str('nodeId')} /> : null}
        </>
      );
      break;
    case 'AUDIT_LOG':
      named = t('audit.coversUpTo', { seq: entry.subjectId ?? '?' });
      break;
  }
  return (
    <span class="audit-subject">
      <span class="muted small">{code(`SUBJECT_${entry.subjectType}`)}</span> {named}{' '}
      {entry.subjectId ? (
        <a
          class="small"
          href={routeHref(['audit'], { subjectType: entry.subjectType, subjectId: entry.subjectId })}
          title={t('audit.aboutThis')}
        >
          {t('audit.history')}
        </a>
      ) : null}
    </span>
  );
}

export function AuditEntryRow({ entry }: { entry: AuditEntry }) {
  const { t, code, maybe } = useI18n();
  const details = Object.entries(entry.details ?? {});
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
      {details.length ? (
        <dl class="audit-details">
          {details.map(([name, value]) => (
            <div key={name} class="audit-detail">
              <dt>{maybe(`audit.key.${name}`) ?? humanise(name)}</dt>
              <dd>
                <DetailValue name={name} value={value} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
