import { DELIVERIES, SHARE_REQUESTS } from '../api/operations';
import type { Delivery, ShareRequest } from '../api/types';
import { Badge, ErrorMessage, Loading, ShortId, ViewHeading, When } from '../components/common';
import { Partner } from '../components/partner';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { PolicyReasons } from './thread/thread-items';

/** What left (or is leaving) the node: each share's state and outcome, and for officers and admins each delivery's attempts. */
export function OutboundView() {
  const { t } = useI18n();
  const session = useSession();
  const shares = useQuery<{ shareRequests: ShareRequest[] }>(
    SHARE_REQUESTS,
    {},
    session.has('ANALYST', 'LIAISON_OFFICER'),
  );
  const deliveries = useQuery<{ deliveries: Delivery[] }>(DELIVERIES, {}, session.has('ADMIN', 'LIAISON_OFFICER'));
  return (
    <section>
      <div class="view-top">
        <ViewHeading>{t('outbound.title')}</ViewHeading>
        <button type="button" onClick={() => (shares.reload(), deliveries.reload())}>
          {t('common.refresh')}
        </button>
      </div>
      {session.has('ANALYST', 'LIAISON_OFFICER') ? (
        <section aria-labelledby="outbound-shares">
          <h2 id="outbound-shares">{t('outbound.shares')}</h2>
          <ErrorMessage error={shares.error} />
          {!shares.data ? <Loading /> : <ShareTable shares={shares.data.shareRequests} />}
        </section>
      ) : null}
      {session.has('ADMIN', 'LIAISON_OFFICER') ? (
        <section aria-labelledby="outbound-deliveries">
          <h2 id="outbound-deliveries">{t('outbound.deliveries')}</h2>
          <ErrorMessage error={deliveries.error} />
          {!deliveries.data ? <Loading /> : <DeliveryTable deliveries={deliveries.data.deliveries} />}
        </section>
      ) : null}
    </section>
  );
}

function ShareTable({ shares }: { shares: ShareRequest[] }) {
  const { t } = useI18n();
  return (
    <table data-testid="outbound-shares" class="list">
      <thead>
        <tr>
          <th scope="col">{t('case.reference')}</th>
          <th scope="col">{t('share.partner')}</th>
          <th scope="col">{t('share.status')}</th>
          <th scope="col">{t('outbound.outcome')}</th>
          <th scope="col">{t('outbound.when')}</th>
        </tr>
      </thead>
      <tbody>
        {shares.map((s) => (
          <tr key={s.id} data-status={s.status}>
            <td>
              {s.caseId ? <a href={`#/cases/${s.caseId}`}>{s.caseReference}</a> : s.caseReference || '—'}
              {s.kind === 'REPLY' ? <div class="muted small">{t('approvals.reply')}</div> : null}
            </td>
            <td>
              <Partner id={s.partnerId} />
            </td>
            <td>
              <Badge code={s.status} />
            </td>
            <td class="outcome">
              {s.status === 'DENIED_BY_POLICY' ? (
                <PolicyReasons share={s} />
              ) : s.decidedBy ? (
                <>
                  {t('outbound.decidedBy', { user: s.decidedBy })}
                  {s.decisionComment ? <div class="prose muted">{s.decisionComment}</div> : null}
                </>
              ) : (
                <span class="muted">{t('outbound.requestedBy', { user: s.requestedBy })}</span>
              )}
              {s.lastError ? <div class="bad small prose">{s.lastError}</div> : null}
            </td>
            <td>
              <When at={s.deliveredAt ?? s.sentAt ?? s.decidedAt ?? s.requestedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeliveryTable({ deliveries }: { deliveries: Delivery[] }) {
  const { t } = useI18n();
  return (
    <table data-testid="deliveries" class="list">
      <thead>
        <tr>
          <th scope="col">{t('outbound.packet')}</th>
          <th scope="col">{t('share.partner')}</th>
          <th scope="col">{t('share.status')}</th>
          <th scope="col">{t('outbound.attempts')}</th>
          <th scope="col">{t('outbound.when')}</th>
          <th scope="col">{t('outbound.lastError')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td>
              <ShortId value={d.id} />
            </td>
            <td>
              <Partner id={d.partnerId} />
            </td>
            <td>
              <Badge code={d.status} />
            </td>
            <td>{d.attempts}</td>
            <td>
              {d.deliveredAt ? (
                <>
                  {t('outbound.delivered')} <When at={d.deliveredAt} />
                </>
              ) : d.nextAttemptAt ? (
                <>
                  {t('outbound.nextAttempt')} <When at={d.nextAttemptAt} />
                </>
              ) : (
                <When at={d.createdAt} />
              )}
            </td>
            <td class="prose">{d.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
