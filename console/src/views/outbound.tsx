import { DELIVERIES, SHARE_REQUESTS, type ShareRequest } from '../api/operations';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface Delivery {
  id: string;
  partnerId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** What left (or is leaving) the node: each share's state, and for officers and admins each delivery's attempts. */
export function OutboundView() {
  const { t } = useI18n();
  const session = useSession();
  const shares = useQuery<{ shareRequests: ShareRequest[] }>(SHARE_REQUESTS, {}, session.has('ANALYST', 'LIAISON_OFFICER'));
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
          {!shares.data ? (
            <Loading />
          ) : (
            <table data-testid="outbound-shares">
              <thead>
                <tr>
                  <th scope="col">{t('case.reference')}</th>
                  <th scope="col">{t('share.partner')}</th>
                  <th scope="col">{t('share.status')}</th>
                  <th scope="col">{t('share.decidedBy')}</th>
                  <th scope="col">{t('share.comment')}</th>
                  <th scope="col">{t('outbound.sent')}</th>
                  <th scope="col">{t('outbound.delivered')}</th>
                  <th scope="col">{t('outbound.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {shares.data.shareRequests.map((s) => (
                  <tr key={s.id}>
                    <td>{s.caseReference}</td>
                    <td>{s.partnerId}</td>
                    <td>
                      <Badge code={s.status} />
                    </td>
                    <td>{s.decidedBy ?? '—'}</td>
                    <td class="comment">{s.decisionComment ?? '—'}</td>
                    <td>
                      <When at={s.sentAt} />
                    </td>
                    <td>
                      <When at={s.deliveredAt} />
                    </td>
                    <td>{s.lastError ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {session.has('ADMIN', 'LIAISON_OFFICER') ? (
        <section aria-labelledby="outbound-deliveries">
          <h2 id="outbound-deliveries">{t('outbound.deliveries')}</h2>
          <ErrorMessage error={deliveries.error} />
          {!deliveries.data ? (
            <Loading />
          ) : (
            <table data-testid="deliveries">
              <thead>
                <tr>
                  <th scope="col">{t('outbound.packet')}</th>
                  <th scope="col">{t('share.partner')}</th>
                  <th scope="col">{t('share.status')}</th>
                  <th scope="col">{t('outbound.attempts')}</th>
                  <th scope="col">{t('outbound.nextAttempt')}</th>
                  <th scope="col">{t('outbound.delivered')}</th>
                  <th scope="col">{t('outbound.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <code>{d.id.slice(0, 8)}</code>
                    </td>
                    <td>{d.partnerId}</td>
                    <td>
                      <Badge code={d.status} />
                    </td>
                    <td>{d.attempts}</td>
                    <td>
                      <When at={d.nextAttemptAt} />
                    </td>
                    <td>
                      <When at={d.deliveredAt} />
                    </td>
                    <td>{d.lastError ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </section>
  );
}
