import { useMemo, useState } from 'preact/hooks';
import type { ReceivedPacket } from '../../api/types';
import { When } from '../../components/common';
import { Partner } from '../../components/partner';
import { toCaseDoc } from '../../document/case-document';
import { CaseDocumentView } from '../../document/case-document-view';
import { useValidity } from '../../document/identifier-list';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { PacketThread } from '../thread/case-thread';
import { ReplyForm } from './reply-form';

/** A received packet: its provenance, its content as a document, and the answer to it with its thread. */
export function PacketDetail({ packet }: { packet: ReceivedPacket }) {
  const { t } = useI18n();
  const session = useSession();
  const doc = useMemo(() => toCaseDoc(packet.content), [packet]);
  const validity = useValidity(doc.identifiers);
  const [replies, setReplies] = useState(0);
  const requests = doc.requests ?? [];
  return (
    <article class="card" aria-labelledby="packet-title" data-testid="inbound-detail">
      <h2 id="packet-title">
        {packet.caseReference ?? packet.packetId}
        {packet.title ? ` — ${packet.title}` : ''}
      </h2>
      <dl class="meta provenance">
        <dt>{t('inbound.origin')}</dt>
        <dd>
          <Partner id={packet.originNode} />
        </dd>
        <dt>{t('inbound.deliveredBy')}</dt>
        <dd>
          <Partner id={packet.deliveredBy} />
        </dd>
        <dt>{t('inbound.signature')}</dt>
        <dd>
          {packet.signatureVerified ? t('inbound.verified') : t('inbound.notVerified')} ·{' '}
          <code class="wrap">{packet.senderCertificateFingerprint.slice(0, 16)}…</code>
        </dd>
        <dt>{t('share.policy')}</dt>
        <dd>{packet.policyVersion}</dd>
        <dt>{t('inbound.received')}</dt>
        <dd>
          <When at={packet.receivedAt} />
        </dd>
        <dt>{t('inbound.retention')}</dt>
        <dd>
          <When at={packet.retentionUntil} />
        </dd>
        <dt>{t('inbound.packetId')}</dt>
        <dd>
          <code class="wrap">{packet.packetId}</code>
        </dd>
        {packet.localCaseId ? (
          <>
            <dt>{t('inbound.ourCase')}</dt>
            <dd>
              <a href={`#/cases/${packet.localCaseId}`}>{packet.caseReference ?? packet.localCaseId}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <CaseDocumentView doc={doc} validity={validity} label={t('inbound.content')} />
      {packet.type === 'case' ? (
        <section class="respond" aria-labelledby="respond-title" data-testid="respond">
          <h3 id="respond-title">
            {requests.length ? t('reply.answerRequests', { count: requests.length }) : t('reply.title')}
          </h3>
          {session.has('ANALYST') ? (
            <ReplyForm packetId={packet.packetId} onSent={() => setReplies((n) => n + 1)} />
          ) : (
            <p class="muted">{t('reply.analystsOnly')}</p>
          )}
          <PacketThread packetId={packet.packetId} version={replies} />
        </section>
      ) : null}
    </article>
  );
}
