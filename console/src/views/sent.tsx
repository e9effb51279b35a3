import { useMemo } from 'preact/hooks';
import { SENT_SHARES } from '../api/operations';
import type { ShareRequest } from '../api/types';
import { Badge, ErrorMessage, Loading, ShortId, ViewHeading, When } from '../components/common';
import { Partner, usePartnerLabel } from '../components/partner';
import { useQuery } from '../components/use-query';
import { toCaseDoc } from '../document/case-document';
import { CaseDocumentView } from '../document/case-document-view';
import { useI18n } from '../i18n/i18n';
import { goWith, routeHref } from '../route';
import { useSession } from '../session';
import { RemovedTable } from './approvals/share-compare';
import { PolicyReasons } from './thread/thread-items';

/** For auditors: everything that left this node, who asked, who approved it, under which policy, and what it held. */
export function SentView({ selected, query }: { selected?: string; query: URLSearchParams }) {
  const { t } = useI18n();
  const { partners } = useSession();
  const partnerFilter = query.get('partner') ?? '';
  const sent = useQuery<{ sentShares: ShareRequest[] }>(SENT_SHARES, { partnerId: partnerFilter || null });
  const shares = sent.data?.sentShares ?? [];
  const current = shares.find((s) => s.id === selected);
  return (
    <section>
      <div class="view-top">
        <ViewHeading>{t('sent.title')}</ViewHeading>
        <button type="button" onClick={sent.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <p class="muted">{t('sent.intro')}</p>
      <label class="inline-label">
        {t('share.partner')}
        <select
          value={partnerFilter}
          onChange={(e) => goWith(['sent'], { partner: e.currentTarget.value || undefined })}
          data-testid="sent-partner"
        >
          <option value="">{t('sent.allPartners')}</option>
          {[...partners.entries()].map(([id, name]) => (
            <option key={id} value={id}>
              {name} ({id})
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={sent.error} />
      {!sent.data ? (
        <Loading />
      ) : shares.length === 0 ? (
        <p>{t('sent.none')}</p>
      ) : (
        <table class="list" data-testid="sent-shares">
          <thead>
            <tr>
              <th scope="col">{t('case.reference')}</th>
              <th scope="col">{t('share.partner')}</th>
              <th scope="col">{t('sent.requestedBy')}</th>
              <th scope="col">{t('sent.approvedBy')}</th>
              <th scope="col">{t('share.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.id} class={s.id === current?.id ? 'selected' : ''}>
                <td>
                  <a href={routeHref(['sent', s.id], { partner: partnerFilter || undefined })}>
                    {s.caseReference || t('approvals.reply')}
                  </a>
                  {s.kind === 'REPLY' ? <div class="muted small">{t('approvals.reply')}</div> : null}
                </td>
                <td>
                  <Partner id={s.partnerId} />
                </td>
                <td>
                  {s.requestedBy}
                  <div class="muted small">
                    <When at={s.requestedAt} />
                  </div>
                </td>
                <td>
                  {s.decidedBy}
                  <div class="muted small">
                    <When at={s.decidedAt} />
                  </div>
                </td>
                <td>
                  <Badge code={s.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current ? <SentDetail key={current.id} share={current} /> : null}
    </section>
  );
}

function SentDetail({ share }: { share: ShareRequest }) {
  const { t, code } = useI18n();
  const partner = usePartnerLabel();
  const doc = useMemo(() => toCaseDoc(share.preview), [share]);
  return (
    <article class="card" aria-labelledby="sent-title" data-testid="sent-detail">
      <h2 id="sent-title">
        {t('sent.what', { ref: share.caseReference || t('approvals.reply'), partner: partner(share.partnerId) })}
      </h2>
      <dl class="meta">
        <dt>{t('sent.requestedBy')}</dt>
        <dd>
          {share.requestedBy} · <When at={share.requestedAt} />
          {share.kind === 'CASE' ? ` · ${code(share.purpose)}` : ''}
        </dd>
        {share.note ? (
          <>
            <dt>{t('share.note')}</dt>
            <dd class="prose">{share.note}</dd>
          </>
        ) : null}
        <dt>{t('sent.approvedBy')}</dt>
        <dd>
          {share.decidedBy} · <When at={share.decidedAt} />
        </dd>
        <dt>{t('share.comment')}</dt>
        <dd class="prose">{share.decisionComment ?? '—'}</dd>
        <dt>{t('share.policy')}</dt>
        <dd>
          {share.policyVersion ? (
            <a
              href={routeHref(['admin', 'policies', share.partnerId], {
                version: share.policyVersion.split('/v').pop(),
              })}
            >
              {share.policyVersion}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('inbound.packetId')}</dt>
        <dd>
          <ShortId value={share.packetId} length={36} />
        </dd>
        <dt>{t('thread.delivery')}</dt>
        <dd>
          {t('outbound.sent')} <When at={share.sentAt} /> · {t('outbound.delivered')} <When at={share.deliveredAt} />
          {share.lastError ? <div class="bad prose">{share.lastError}</div> : null}
        </dd>
        <dt>{t('approvals.reasons')}</dt>
        <dd>
          <PolicyReasons share={share} />
        </dd>
      </dl>
      {share.kind === 'CASE' ? <RemovedTable share={share} /> : null}
      <h3>{t('sent.content')}</h3>
      <CaseDocumentView doc={doc} label={t('sent.content')} headingLevel={4} />
    </article>
  );
}
