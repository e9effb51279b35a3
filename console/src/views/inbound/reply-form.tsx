import { useState } from 'preact/hooks';
import { REPLY_TO_PACKET } from '../../api/operations';
import type { ShareRequest } from '../../api/types';
import { ErrorMessage, Status } from '../../components/common';
import { usePartnerLabel } from '../../components/partner';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';

/**
 * The analyst's answer to a partner's packet (frozen, not our customer, needs legal process …). It
 * leaves only after a different liaison officer approves it, like any share.
 */
export function ReplyForm({ packetId, onSent }: { packetId: string; onSent: (reply: ShareRequest) => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const partner = usePartnerLabel();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (!text.trim()) return setError(new Error(t('reply.empty')));
    setBusy(true);
    try {
      const { replyToPacket } = await api.request<{ replyToPacket: ShareRequest }>(REPLY_TO_PACKET, {
        packetId,
        text: text.trim(),
      });
      setText('');
      setStatus(
        replyToPacket.status === 'PENDING_APPROVAL'
          ? t('reply.pending', { partner: partner(replyToPacket.partnerId) })
          : code(replyToPacket.status),
      );
      onSent(replyToPacket);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={send} class="reply-form">
      <label>
        {t('reply.text')}
        <textarea rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby="reply-hint" />
      </label>
      <p id="reply-hint" class="muted hint">
        {t('reply.hint')}
      </p>
      <ErrorMessage error={error} />
      <Status text={status} />
      <button type="submit" class="primary" disabled={busy}>
        {t('reply.send')}
      </button>
    </form>
  );
}
