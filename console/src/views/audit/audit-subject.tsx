import type { ComponentChildren } from 'preact';
import type { AuditEntry } from '../../api/admin-operations';
import { ShortId } from '../../components/common';
import { Partner } from '../../components/partner';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../route';
import { useSession } from '../../session';
import { useAuditNames } from './audit-names';

/** A link when the reader can open the record, plain text when not. */
function MaybeLink({ href, children, kind }: { href?: string; children: ComponentChildren; kind: string }) {
  return href ? (
    <a href={href} data-link={kind}>
      {children}
    </a>
  ) : (
    <>{children}</>
  );
}

/** A case by its reference (and title where this node holds it), linked to its page for officers who work cases. */
export function CaseRef({ id, reference }: { id: string; reference?: string }) {
  const names = useAuditNames();
  const known = names.caseName(id);
  const label = known.reference ?? reference;
  return (
    <span class="audit-ref" data-case={id}>
      <MaybeLink href={names.caseHref(id)} kind="case">
        {label ? <strong>{label}</strong> : <ShortId value={id} length={12} />}
      </MaybeLink>
      {known.title ? <span class="muted"> {known.title}</span> : null}
    </span>
  );
}

/** A packet: the share it carried out of this node, or the packet received here, linked where the reader can open it. */
export function PacketRef({ packetId, named = false }: { packetId: string; named?: boolean }) {
  const { t } = useI18n();
  const names = useAuditNames();
  const { sent, received } = names.packet(packetId);
  const href = names.packetHref(packetId);
  const name = sent ? (sent.caseReference ?? (sent.kind === 'REPLY' ? t('approvals.reply') : undefined)) : undefined;
  return (
    <span class="audit-ref" data-packet={packetId}>
      <MaybeLink href={href} kind="packet">
        <ShortId value={packetId} length={12} />
      </MaybeLink>
      {named && sent ? (
        <>
          {' '}
          {name ? <strong>{name}</strong> : null} → <Partner id={sent.partnerId} />
        </>
      ) : null}
      {named && received ? (
        <>
          {' '}
          <strong>{received.caseReference ?? received.title}</strong> {t('audit.fromPartner')}{' '}
          <Partner id={received.originNode} />
        </>
      ) : null}
    </span>
  );
}

/** The policy-file publisher by the file's name only (entries written before the node recorded only the name too). */
export function policyFileName(actor: string): string | undefined {
  const match = /^policy file (.+)$/.exec(actor);
  return match ? match[1].split(/[\\/]/).pop() : undefined;
}

export function Actor({ actor }: { actor: string | null }) {
  const { t } = useI18n();
  const { partners, node } = useSession();
  if (actor === null) return <span class="muted">{t('audit.theNode')}</span>;
  if (actor === node.id || partners.has(actor)) return <Partner id={actor} />;
  if (actor === 'retention') return <span>{t('audit.retention')}</span>;
  const file = policyFileName(actor);
  if (file) return <span data-actor="policy-file">{t('audit.policyFile', { file })}</span>;
  return (
    <a href={routeHref(['audit'], { actor })} title={t('audit.byActor', { actor })}>
      {actor}
    </a>
  );
}

/** kr-knpa/kh-cnp/v2 → the policy view of that version. */
export function PolicyLink({ label }: { label: string }) {
  const match = /^[^/]+\/([^/]+)\/v(\d+)$/.exec(label);
  if (!match) return <>{label}</>;
  return <a href={routeHref(['admin', 'policies', match[1]], { version: match[2] })}>{label}</a>;
}

function ShareSubject({ entry, str }: { entry: AuditEntry; str: (key: string) => string | undefined }) {
  const { t } = useI18n();
  const names = useAuditNames();
  const id = entry.subjectId ?? '';
  const share = names.share(id);
  const reference = str('caseReference') ?? share?.caseReference ?? undefined;
  const partnerId = str('partnerId') ?? share?.partnerId;
  const reply = (str('kind') ?? share?.kind) === 'REPLY';
  return (
    <>
      <MaybeLink href={names.shareHref(id)} kind="share">
        {reference ? <strong>{reference}</strong> : reply ? t('approvals.reply') : <ShortId value={id} />}
      </MaybeLink>
      {partnerId ? (
        <>
          {' → '}
          <Partner id={partnerId} />
        </>
      ) : null}
    </>
  );
}

function AccountSubject({ entry, str }: { entry: AuditEntry; str: (key: string) => string | undefined }) {
  const names = useAuditNames();
  const username = str('username') ?? names.username(entry.subjectId ?? '') ?? entry.actor;
  return (
    <MaybeLink href={names.accountsHref()} kind="account">
      <strong>{username ?? <ShortId value={entry.subjectId} />}</strong>
    </MaybeLink>
  );
}

/** What an entry is about, named and linked where the reader can open it. */
export function Subject({ entry }: { entry: AuditEntry }) {
  const { t, code } = useI18n();
  const d = entry.details ?? {};
  const str = (key: string) => (typeof d[key] === 'string' && d[key] ? (d[key] as string) : undefined);
  if (!entry.subjectType) return <span class="muted">—</span>;
  const id = entry.subjectId;
  let named: ComponentChildren = <ShortId value={id} length={12} />;
  switch (id ? entry.subjectType : undefined) {
    case 'CASE':
      named = <CaseRef id={id!} reference={str('reference') ?? str('caseReference')} />;
      break;
    case 'SHARE_REQUEST':
      named = <ShareSubject entry={entry} str={str} />;
      break;
    case 'PACKET':
      named = <PacketRef packetId={id!} named />;
      break;
    case 'RECEIVED_PACKET':
      named = (
        <>
          <ShortId value={id} length={12} /> {str('caseReference') ? <strong>{str('caseReference')}</strong> : null}
        </>
      );
      break;
    case 'OFFICER_ACCOUNT':
      named = <AccountSubject entry={entry} str={str} />;
      break;
    case 'PARTNER_POLICY':
      named = <PolicyLink label={id!} />;
      break;
    case 'TAXII_ACCOUNT':
      named = <Partner id={id} />;
      break;
    case 'CERTIFICATE':
      named = (
        <>
          <ShortId value={id} length={16} /> {str('nodeId') ? <Partner id={str('nodeId')} /> : null}
        </>
      );
      break;
    case 'AUDIT_LOG':
      named = t('audit.coversUpTo', { seq: id ?? '?' });
      break;
  }
  return (
    <span class="audit-subject" data-subject={entry.subjectType}>
      <span class="muted small">{code(`SUBJECT_${entry.subjectType}`)}</span> {named}{' '}
      {id ? (
        <a
          class="small"
          href={routeHref(['audit'], { subjectType: entry.subjectType, subjectId: id })}
          title={t('audit.aboutThis')}
        >
          {t('audit.history')}
        </a>
      ) : null}
    </span>
  );
}
