import { useRef, useState } from 'preact/hooks';
import { SHARE_REQUESTS } from '../../api/operations';
import type { ShareRequest } from '../../api/types';
import { ErrorMessage, Loading, Status, ViewHeading } from '../../components/common';
import { Partner, usePartnerLabel } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { go } from '../../route';
import { ShareDecision } from './share-decision';

/** The liaison officer's queue: every pending share and reply, what would leave beside what stays, a decision. */
export function ApprovalsView({ selected }: { selected?: string }) {
  const { t, code } = useI18n();
  const partner = usePartnerLabel();
  const queue = useQuery<{ shareRequests: ShareRequest[] }>(SHARE_REQUESTS, { status: 'PENDING_APPROVAL' });
  const [status, setStatus] = useState('');
  const items = queue.data?.shareRequests ?? [];
  const current = items.find((s) => s.id === selected) ?? (selected ? undefined : items[0]);
  const list = useRef<HTMLUListElement>(null);

  // Arrow keys move through the queue, Home/End jump to its ends; Tab leaves it for the detail.
  const onKey = (event: KeyboardEvent) => {
    const index = items.findIndex((s) => s.id === current?.id);
    const moves: Record<string, number> = {
      ArrowDown: Math.min(items.length - 1, index + 1),
      ArrowUp: Math.max(0, index - 1),
      Home: 0,
      End: items.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined || !items[next]) return;
    event.preventDefault();
    go('approvals', items[next].id);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-id="${items[next].id}"]`)?.focus());
  };

  const decided = (share: ShareRequest) => {
    setStatus(
      t(share.status === 'REJECTED' ? 'approvals.rejectedMsg' : 'approvals.approvedMsg', {
        ref: share.caseReference || t('approvals.reply'),
        partner: partner(share.partnerId),
      }),
    );
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
                    <strong>
                      {s.kind === 'REPLY' ? t('approvals.replyTo', { ref: s.caseReference }) : s.caseReference}
                    </strong>{' '}
                    → <Partner id={s.partnerId} />
                    <span class="muted">
                      {s.kind === 'REPLY' ? t('approvals.reply') : code(s.purpose)} · {s.requestedBy}
                      {s.stale ? ` · ${t('approvals.stale')}` : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
            <p class="muted hint">{t('approvals.keys')}</p>
          </div>
          {current ? (
            <ShareDecision key={current.id} share={current} onDecided={decided} onRefreshed={queue.reload} />
          ) : (
            <p>{t('approvals.notInQueue')}</p>
          )}
        </div>
      )}
    </section>
  );
}
