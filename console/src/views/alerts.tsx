import { ACKNOWLEDGE_ALERT, ALERTS } from '../api/operations';
import type { Alert } from '../api/types';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { Partner } from '../components/partner';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../route';
import { useSession } from '../session';

/** Where the partner data behind an alert can be read: the packet in Inbound, or the watchlist entry. */
export function sourceHref(alert: Pick<Alert, 'identifierType' | 'value'>, source: Alert['sources'][number]): string {
  return source.kind === 'PACKET'
    ? routeHref(['inbound', 'packet', source.ref])
    : routeHref(['watchlist'], {
        type: alert.identifierType,
        value: alert.value,
        origin: source.origin,
        entry: source.ref,
      });
}

/** Alerts already raised, with the ones arriving live (graphql-ws, kept by the shell) on top. */
export function AlertsView({ live }: { live: Alert[] }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const stored = useQuery<{ alerts: Alert[] }>(ALERTS);
  const liveIds = new Set(live.map((a) => a.id));
  const all = [...live, ...(stored.data?.alerts ?? []).filter((a) => !liveIds.has(a.id))];

  const acknowledge = async (alert: Alert) => {
    const { acknowledgeAlert } = await api.request<{ acknowledgeAlert: Alert }>(ACKNOWLEDGE_ALERT, { id: alert.id });
    alert.status = acknowledgeAlert.status;
    alert.acknowledgedBy = acknowledgeAlert.acknowledgedBy;
    stored.reload();
  };

  return (
    <section>
      <ViewHeading>{t('alerts.title')}</ViewHeading>
      <p class="muted">{t('alerts.intro')}</p>
      <ErrorMessage error={stored.error} />
      {!stored.data ? (
        <Loading />
      ) : all.length === 0 ? (
        <p>{t('alerts.none')}</p>
      ) : (
        <table data-testid="alerts" class="list">
          <thead>
            <tr>
              <th scope="col">{t('alerts.raised')}</th>
              <th scope="col">{t('alerts.identifier')}</th>
              <th scope="col">{t('alerts.case')}</th>
              <th scope="col">{t('alerts.sources')}</th>
              <th scope="col">{t('share.status')}</th>
            </tr>
          </thead>
          <tbody>
            {all.map((a) => (
              <tr key={a.id} class={liveIds.has(a.id) ? 'fresh' : ''}>
                <td>
                  <When at={a.raisedAt} />
                  {liveIds.has(a.id) ? <span class="badge badge-new">{t('alerts.live')}</span> : null}
                  <div class="small">{code(a.kind)}</div>
                </td>
                <td>
                  <span class="muted small">{code(a.identifierType)}</span>
                  <div>
                    <code class="wrap">{a.value}</code>
                  </div>
                </td>
                <td>{a.caseId ? <a href={`#/cases/${a.caseId}`}>{a.caseReference}</a> : (a.caseReference ?? '—')}</td>
                <td>
                  <ul class="plain">
                    {a.sources.map((s) => (
                      <li key={`${s.kind}:${s.ref}`}>
                        <a href={sourceHref(a, s)} data-testid="alert-source">
                          {s.kind === 'PACKET' ? t('alerts.packetFrom') : t('alerts.entryFrom')}
                        </a>{' '}
                        <Partner id={s.origin} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {a.status === 'OPEN' ? (
                    <button
                      type="button"
                      onClick={() => void acknowledge(a)}
                      aria-label={t('alerts.acknowledgeValue', { value: a.value })}
                    >
                      {t('alerts.acknowledge')}
                    </button>
                  ) : (
                    <Badge code={a.status} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
