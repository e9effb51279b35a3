import { useEffect, useState } from 'preact/hooks';
import { APPROVE_SHARE, REFRESH_PREVIEW, REJECT_SHARE } from '../../api/operations';
import type { ShareRequest } from '../../api/types';
import { ErrorMessage, When } from '../../components/common';
import { usePartnerLabel } from '../../components/partner';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { PolicyReasons } from '../thread/thread-items';
import { RemovedTable, ShareCompare } from './share-compare';

/** One pending share or reply: what the policy says, what it removed, both sides, and the decision. */
export function ShareDecision({
  share,
  onDecided,
  onRefreshed,
}: {
  share: ShareRequest;
  onDecided: (s: ShareRequest) => void;
  onRefreshed: () => void;
}) {
  const { t, code } = useI18n();
  const session = useSession();
  const partner = usePartnerLabel();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const own = share.requestedBy === session.me.username;
  useEffect(() => setError(undefined), [share.id]);

  const decide = async (approve: boolean) => {
    setError(undefined);
    if (!approve && !comment.trim()) {
      setError(new Error(t('approvals.reasonRequired')));
      document.getElementById('decision-comment')?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = approve
        ? (
            await session.api.request<{ approveShare: ShareRequest }>(APPROVE_SHARE, {
              id: share.id,
              comment: comment.trim() || null,
            })
          ).approveShare
        : (
            await session.api.request<{ rejectShare: ShareRequest }>(REJECT_SHARE, {
              id: share.id,
              reason: comment.trim(),
            })
          ).rejectShare;
      onDecided(result);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const refresh = async () => {
    try {
      await session.api.request(REFRESH_PREVIEW, { id: share.id });
      onRefreshed();
    } catch (failure) {
      setError(failure);
    }
  };

  const reply = share.kind === 'REPLY';
  return (
    <article class="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">
        {reply
          ? t('approvals.replyOf', { ref: share.caseReference, partner: partner(share.partnerId) })
          : t('approvals.shareOf', { ref: share.caseReference, partner: partner(share.partnerId) })}
      </h2>
      <dl class="meta">
        <dt>{t('share.purpose')}</dt>
        <dd>{reply ? t('approvals.reply') : code(share.purpose)}</dd>
        <dt>{t('approvals.requestedBy')}</dt>
        <dd>
          {share.requestedBy} · <When at={share.requestedAt} />
        </dd>
        {share.note ? (
          <>
            <dt>{t('share.note')}</dt>
            <dd class="prose">{share.note}</dd>
          </>
        ) : null}
        <dt>{t('share.policy')}</dt>
        <dd>{share.policyVersion}</dd>
        <dt>{t('approvals.reasons')}</dt>
        <dd>
          <PolicyReasons share={share} />
        </dd>
      </dl>
      {share.stale ? (
        <p class="warning" role="alert">
          {t('approvals.staleExplained')}{' '}
          <button type="button" onClick={refresh}>
            {t('approvals.refresh')}
          </button>
        </p>
      ) : null}
      {reply ? null : <RemovedTable share={share} />}
      <ShareCompare share={share} />
      <form class="decide" onSubmit={(e) => (e.preventDefault(), void decide(true))}>
        <label>
          {t('approvals.comment')}
          <textarea
            id="decision-comment"
            rows={2}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
            aria-describedby="comment-hint"
          />
        </label>
        <p id="comment-hint" class="muted hint">
          {t('approvals.commentHint')}
        </p>
        {own ? (
          <p class="warning" role="note">
            {t('approvals.ownShare')}
          </p>
        ) : null}
        <ErrorMessage error={error} />
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy || own || share.stale}>
            {t('approvals.approve')}
          </button>
          <button type="button" class="danger" disabled={busy || own} onClick={() => void decide(false)}>
            {t('approvals.reject')}
          </button>
        </div>
      </form>
    </article>
  );
}
