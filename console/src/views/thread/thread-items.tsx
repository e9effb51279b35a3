import type { ComponentChildren } from 'preact';
import type { ReceivedPacket, ShareRequest } from '../../api/types';
import { Badge, ShortId, When } from '../../components/common';
import { Partner } from '../../components/partner';
import { toCaseDoc } from '../../document/case-document';
import { useI18n } from '../../i18n/i18n';

/** Why the policy allowed or denied a share, each reason in the reader's language. */
export function PolicyReasons({ share, only }: { share: ShareRequest; only?: 'denied' }) {
  const { policyText } = useI18n();
  if (only === 'denied' && share.status !== 'DENIED_BY_POLICY') return null;
  return (
    <ul class="reasons" data-testid="policy-reasons">
      {share.policyReasons.map((reason, i) => (
        <li key={i}>{policyText(share.policyReasonTexts?.[i], reason)}</li>
      ))}
    </ul>
  );
}

/**
 * One step of a thread (a request, an answer, a delivery): what it is and with whom, its status, its
 * facts as labelled rows, and what can be done about it. Every workflow's thread is built of these.
 */
export function ThreadItem({
  heading,
  status,
  testId,
  reply,
  meta,
  children,
}: {
  heading: ComponentChildren;
  status?: string;
  testId: string;
  /** Something a partner sent us (drawn apart from what we sent). */
  reply?: boolean;
  meta?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <li class={reply ? 'thread-item reply' : 'thread-item'} data-testid={testId} data-status={status}>
      <p class="thread-head">
        {heading}
        {status ? (
          <>
            {' '}
            <Badge code={status} />
          </>
        ) : null}
      </p>
      {meta ? <dl class="meta">{meta}</dl> : null}
      {children}
    </li>
  );
}

/** A labelled fact of a thread item. */
export function ThreadFact({ label, children, bad }: { label: string; children: ComponentChildren; bad?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd class={bad ? 'bad prose' : undefined}>{children}</dd>
    </>
  );
}

/** One share or reply we asked for, from request to delivery: who, when, under which policy, and its outcome. */
export function ShareItem({ share, children }: { share: ShareRequest; children?: ComponentChildren }) {
  const { t, code } = useI18n();
  const heading = (
    <>
      <span class="thread-kind">{share.kind === 'REPLY' ? t('thread.ourReply') : t('thread.shareWith')}</span>{' '}
      <Partner id={share.partnerId} />
    </>
  );
  const meta = (
    <>
      <ThreadFact label={t('approvals.requestedBy')}>
        {share.requestedBy} · <When at={share.requestedAt} />
        {share.kind === 'CASE' ? ` · ${code(share.purpose)}` : ''}
      </ThreadFact>
      {share.decidedBy ? (
        <ThreadFact label={t('share.decidedBy')}>
          {share.decidedBy} · <When at={share.decidedAt} />
        </ThreadFact>
      ) : null}
      {share.decisionComment ? (
        <>
          <dt>{t('share.comment')}</dt>
          <dd class="prose">{share.decisionComment}</dd>
        </>
      ) : null}
      {share.sentAt || share.deliveredAt ? (
        <ThreadFact label={t('thread.delivery')}>
          {t('outbound.sent')} <When at={share.sentAt} /> · {t('outbound.delivered')} <When at={share.deliveredAt} />
        </ThreadFact>
      ) : null}
      {share.lastError ? (
        <ThreadFact label={t('outbound.lastError')} bad>
          {share.lastError}
        </ThreadFact>
      ) : null}
      <ThreadFact label={t('share.policy')}>{share.policyVersion ?? '—'}</ThreadFact>
    </>
  );
  return (
    <ThreadItem heading={heading} status={share.status} testId="thread-share" meta={meta}>
      {share.status === 'DENIED_BY_POLICY' ? <PolicyReasons share={share} /> : null}
      {share.kind === 'REPLY' ? <ReplyText preview={share.preview} /> : null}
      {children}
    </ThreadItem>
  );
}

function ReplyText({ preview }: { preview: unknown }) {
  const doc = toCaseDoc(preview);
  return doc.text ? <blockquote class="reply-text">{doc.text}</blockquote> : null;
}

/** A reply a partner sent, with its provenance and a link to the packet. */
export function ReplyItem({ packet }: { packet: ReceivedPacket }) {
  const { t } = useI18n();
  const doc = toCaseDoc(packet.content);
  return (
    <li class="thread-item reply" data-testid="thread-reply">
      <p class="thread-head">
        <span class="thread-kind">{t('thread.replyFrom')}</span> <Partner id={packet.originNode} />{' '}
        <When at={packet.receivedAt} />
      </p>
      <blockquote class="reply-text">{doc.text}</blockquote>
      <p class="muted small">
        {packet.signatureVerified ? `✔ ${t('inbound.verified')}` : t('inbound.notVerified')} · {t('inbound.packetId')}{' '}
        <a href={`#/inbound/${packet.id}`}>
          <ShortId value={packet.packetId} />
        </a>
      </p>
    </li>
  );
}
