import { CASE_REPLIES, PACKET_REPLIES, SHARE_REQUESTS } from '../../api/operations';
import type { ReceivedPacket, ShareRequest } from '../../api/types';
import { ErrorMessage } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { ReplyItem, ShareItem } from './thread-items';

/**
 * A case's thread: every share asked for, with its decision and delivery, and under it the replies
 * partners sent to what we sealed for them.
 */
export function CaseThread({
  caseId,
  shares,
  onReload,
  sharesError,
}: {
  caseId: string;
  shares: ShareRequest[];
  onReload: () => void;
  sharesError?: unknown;
}) {
  const { t } = useI18n();
  const replies = useQuery<{ caseReplies: ReceivedPacket[] }>(CASE_REPLIES, { caseId });
  const received = replies.data?.caseReplies ?? [];
  const answered = new Set(shares.flatMap((s) => (s.packetId ? [s.packetId] : [])));
  const loose = received.filter((r) => !r.inReplyTo || !answered.has(r.inReplyTo));
  return (
    <section class="card" aria-labelledby="thread-title" data-testid="case-thread">
      <div class="view-top">
        <h2 id="thread-title">{t('thread.title')}</h2>
        <button type="button" onClick={() => (onReload(), replies.reload())}>
          {t('common.refresh')}
        </button>
      </div>
      <ErrorMessage error={sharesError ?? replies.error} />
      {shares.length === 0 && received.length === 0 ? <p class="muted">{t('share.noneYet')}</p> : null}
      <ol class="thread">
        {shares.map((share) => (
          <ShareItem key={share.id} share={share}>
            {received.some((r) => r.inReplyTo === share.packetId) ? (
              <ol class="thread nested">
                {received
                  .filter((r) => share.packetId && r.inReplyTo === share.packetId)
                  .map((r) => (
                    <ReplyItem key={r.id} packet={r} />
                  ))}
              </ol>
            ) : null}
          </ShareItem>
        ))}
        {loose.map((r) => (
          <ReplyItem key={r.id} packet={r} />
        ))}
      </ol>
    </section>
  );
}

/**
 * The thread of a packet a partner sent us: our replies to it (each through four-eyes approval) and
 * what other partners replied. Reused by every request workflow (freeze requests, requests for information).
 */
export function PacketThread({ packetId, version }: { packetId: string; version?: number }) {
  const { t } = useI18n();
  const ours = useQuery<{ shareRequests: ShareRequest[] }>(SHARE_REQUESTS, {}, true, version);
  const theirs = useQuery<{ packetReplies: ReceivedPacket[] }>(PACKET_REPLIES, { packetId }, true, version);
  const replies = (ours.data?.shareRequests ?? []).filter((s) => s.kind === 'REPLY' && s.inReplyTo === packetId);
  const received = theirs.data?.packetReplies ?? [];
  return (
    <section aria-labelledby="packet-thread-title" data-testid="packet-thread">
      <h3 id="packet-thread-title">{t('thread.title')}</h3>
      <ErrorMessage error={ours.error ?? theirs.error} />
      {replies.length === 0 && received.length === 0 ? <p class="muted">{t('thread.noReplies')}</p> : null}
      <ol class="thread">
        {replies.map((share) => (
          <ShareItem key={share.id} share={share} />
        ))}
        {received.map((r) => (
          <ReplyItem key={r.id} packet={r} />
        ))}
      </ol>
    </section>
  );
}
