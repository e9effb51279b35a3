import { useEffect, useRef, useState } from 'preact/hooks';
import { APPROVE_SHARE, CASE, type Case, REFRESH_PREVIEW, REJECT_SHARE, SHARE_REQUESTS, type ShareRequest } from '../api/operations';
import { ErrorMessage, Loading, Status, ViewHeading, When } from '../components/common';
import { FieldTree } from '../components/field-tree';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { caseContentOf } from '../redaction/field-tree';
import { go } from '../route';
import { useSession } from '../session';

/** The liaison officer's queue: every pending share, its redacted preview beside the original, a decision. */
export function ApprovalsView({ selected }: { selected?: string }) {
  const { t, code } = useI18n();
  const queue = useQuery<{ shareRequests: ShareRequest[] }>(SHARE_REQUESTS, { status: 'PENDING_APPROVAL' });
  const [status, setStatus] = useState('');
  const items = queue.data?.shareRequests ?? [];
  const current = items.find((s) => s.id === selected) ?? (selected ? undefined : items[0]);
  const list = useRef<HTMLUListElement>(null);

  // Arrow keys move through the queue, Home/End jump to its ends; Tab leaves it for the detail.
  const onKey = (event: KeyboardEvent) => {
    const index = items.findIndex((s) => s.id === current?.id);
    const next =
      event.key === 'ArrowDown' ? Math.min(items.length - 1, index + 1)
      : event.key === 'ArrowUp' ? Math.max(0, index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? items.length - 1
      : -1;
    if (next < 0 || !items[next]) return;
    event.preventDefault();
    go('approvals', items[next].id);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-id="${items[next].id}"]`)?.focus());
  };

  const decided = (share: ShareRequest) => {
    setStatus(t(share.status === 'REJECTED' ? 'approvals.rejectedMsg' : 'approvals.approvedMsg', { ref: share.caseReference, partner: share.partnerId }));
    const rest = items.filter((s) => s.id !== share.id);
    queue.setData({ shareRequests: rest });
    go('approvals', ...(rest[0] ? [rest[0].id] : []));
  };

  return (
    <section aria-labelledby="approvals-title" class="approvals">
      <ViewHeading>
        <span id="approvals-title">{t('approvals.title')}</span>
      </ViewHeading>
      <Status text={status} />
      <ErrorMessage error={queue.error} />
      {!queue.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="queue-empty">{t('approvals.empty')}</p>
      ) : (
        <div class="queue-layout">
          <div class="queue">
            <h2 id="queue-label">{t('approvals.queue', { count: items.length })}</h2>
            <ul ref={list} aria-labelledby="queue-label" class="queue-list" onKeyDown={onKey}>
              {items.map((s) => (
                <li key={s.id}>
                  <a
                    href={`#/approvals/${s.id}`}
                    data-id={s.id}
                    aria-current={s.id === current?.id ? 'true' : undefined}
                    class={s.id === current?.id ? 'selected' : ''}
                  >
                    <strong>{s.caseReference}</strong> → {s.partnerId}
                    <span class="muted">
                      {code(s.purpose)} · {s.requestedBy}
                      {s.stale ? ` · ${t('approvals.stale')}` : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
            <p class="muted hint">{t('approvals.keys')}</p>
          </div>
          {current ? <ShareDecision key={current.id} share={current} onDecided={decided} onRefreshed={queue.reload} /> : <p>{t('approvals.notInQueue')}</p>}
        </div>
      )}
    </section>
  );
}

function ShareDecision({ share, onDecided, onRefreshed }: { share: ShareRequest; onDecided: (s: ShareRequest) => void; onRefreshed: () => void }) {
  const { t, code } = useI18n();
  const session = useSession();
  const original = useQuery<{ case: Case }>(CASE, { id: share.caseId }, share.caseId !== null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const own = share.requestedBy === session.me.username;
  const heading = useRef<HTMLHeadingElement>(null);
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
        ? (await session.api.request<{ approveShare: ShareRequest }>(APPROVE_SHARE, { id: share.id, comment: comment.trim() || null })).approveShare
        : (await session.api.request<{ rejectShare: ShareRequest }>(REJECT_SHARE, { id: share.id, reason: comment.trim() })).rejectShare;
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

  return (
    <article class="decision" aria-labelledby="decision-title">
      <h2 id="decision-title" ref={heading}>
        {t('approvals.shareOf', { ref: share.caseReference, partner: share.partnerId })}
      </h2>
      <dl class="meta">
        <dt>{t('share.purpose')}</dt>
        <dd>{code(share.purpose)}</dd>
        <dt>{t('approvals.requestedBy')}</dt>
        <dd>
          {share.requestedBy} · <When at={share.requestedAt} />
        </dd>
        {share.note ? (
          <>
            <dt>{t('share.note')}</dt>
            <dd>{share.note}</dd>
          </>
        ) : null}
        <dt>{t('share.policy')}</dt>
        <dd>{share.policyVersion}</dd>
        <dt>{t('approvals.reasons')}</dt>
        <dd>{share.policyReasons.join('; ') || '—'}</dd>
      </dl>
      {share.stale ? (
        <p class="warning" role="alert">
          {t('approvals.staleExplained')}{' '}
          <button type="button" onClick={refresh}>
            {t('approvals.refresh')}
          </button>
        </p>
      ) : null}

      <h3 id="removed-title">{t('approvals.removed', { count: share.removed.length })}</h3>
      {share.removed.length ? (
        <table aria-labelledby="removed-title" data-testid="removed-fields">
          <thead>
            <tr>
              <th scope="col">{t('approvals.field')}</th>
              <th scope="col">{t('approvals.rule')}</th>
            </tr>
          </thead>
          <tbody>
            {share.removed.map((r) => (
              <tr key={r.path}>
                <td>
                  <code>{r.path}</code>
                </td>
                <td>{r.rule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('approvals.nothingRemoved')}</p>
      )}

      <div class="compare">
        <section aria-labelledby="original-title" class="side-original">
          <h3 id="original-title">{t('approvals.original')}</h3>
          {original.error ? <ErrorMessage error={original.error} /> : null}
          {original.data ? (
            <FieldTree value={caseContentOf(original.data.case as unknown as Record<string, unknown>)} removed={share.removed} side="original" label={t('approvals.original')} />
          ) : share.caseId ? (
            <Loading />
          ) : (
            <p class="muted">{t('approvals.replyNoOriginal')}</p>
          )}
        </section>
        <section aria-labelledby="preview-title" class="side-preview">
          <h3 id="preview-title">{t('approvals.preview', { partner: share.partnerId })}</h3>
          <FieldTree value={share.preview} removed={share.removed} side="preview" label={t('approvals.preview', { partner: share.partnerId })} />
        </section>
      </div>

      <form class="decide" onSubmit={(e) => (e.preventDefault(), void decide(true))}>
        <label>
          {t('approvals.comment')}
          <textarea id="decision-comment" rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} aria-describedby="comment-hint" />
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
