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

/** One share or reply we asked for, from request to delivery: who, when, under which policy, and its outcome. */
export function ShareItem({ share, children }: { share: ShareRequest; children?: ComponentChildren }) {
  const { t, code } = useI18n();
  return (
    <li class="thread-item" data-testid="thread-share" data-status={share.status}>
      <p class="thread-head">
        <span class="thread-kind">{share.kind === 'REPLY' ? t('thread.ourReply') : t('thread.shareWith')}</span>{' '}
        <Partner id={share.partnerId} /> <Badge code={share.status} />
      </p>
      <dl class="meta">
        <dt>{t('approvals.requestedBy')}</dt>
        <dd>
          {share.requestedBy} · <When at={share.requestedAt} />
          {share.kind === 'CASE' ? ` · ${code(share.purpose)}` : ''}
        </dd>
        {share.decidedBy ? (
          <>
            <dt>{t('share.decidedBy')}</dt>
            <dd>
              {share.decidedBy} · <When at={share.decidedAt} />
            </dd>
          </>
        ) : null}
        {share.decisionComment ? (
          <>
            <dt>{t('share.comment')}</dt>
            <dd class="prose">{share.decisionComment}</dd>
          </>
        ) : null}
        {share.sentAt || share.deliveredAt ? (
          <>
            <dt>{t('thread.delivery')}</dt>
            <dd>
              {t('outbound.sent')} <When at={share.sentAt} /> · {t('outbound.delivered')}{' '}
              <When at={share.deliveredAt} />
            </dd>
          </>
        ) : null}
        {share.lastError ? (
          <>
            <dt>{t('outbound.lastError')}</dt>
            <dd class="bad prose">{share.lastError}</dd>
          </>
        ) : null}
        <dt>{t('share.policy')}</dt>
        <dd>{share.policyVersion ?? '—'}</dd>
      </dl>
      {share.status === 'DENIED_BY_POLICY' ? <PolicyReasons share={share} /> : null}
      {share.kind === 'REPLY' ? <ReplyText preview={share.preview} /> : null}
      {children}
    </li>
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
