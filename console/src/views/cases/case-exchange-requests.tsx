import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  APPROVE_FREEZE_REQUEST,
  EXTEND_FREEZE,
  FREEZE_HOLDS,
  FREEZE_REQUESTS,
  type FreezeRequest,
  HIT_REPORTS,
  type HitReport,
  type Hold,
  REJECT_FREEZE_REQUEST,
  RELEASE_FREEZE,
} from '../../api/exchange-operations';
import { ALERT_RAISED, type Alert, type Case } from '../../api/operations';
import { Badge, ErrorMessage, Status, When } from '../../components/common';
import { DeadlineClock } from '../../components/deadline-clock';
import { Partner } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import type { DocRequest } from '../../document/case-document';
import { RequestCard } from '../../document/request-card';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { CopyItem, RequestTargets, useBasisLine } from '../thread/exchange-thread';
import { CaseFreezeForm } from './case-freeze-form';

const EXCHANGE_ALERTS = ['HIT_REPORTED', 'FREEZE_REQUEST_OVERDUE', 'FREEZE_EXPIRING', 'FREEZE_LAPSED'];

/**
 * On an agency's case: each request to exchanges with its status per exchange, deadline clocks and
 * overdue markers, the freezes held and when they lapse (one-step extend or release), and the hits
 * exchanges report, refreshed as their alerts arrive.
 */
export function CaseExchangeRequests({ value }: { value: Case }) {
  const { t, code } = useI18n();
  const session = useSession();
  const variables = { caseId: value.id };
  const requests = useQuery<{ freezeRequests: FreezeRequest[] }>(FREEZE_REQUESTS, variables);
  const holds = useQuery<{ freezeHolds: Hold[] }>(FREEZE_HOLDS, variables);
  const hits = useQuery<{ hitReports: HitReport[] }>(HIT_REPORTS, variables);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const reload = () => {
    requests.reload();
    holds.reload();
    hits.reload();
  };
  useEffect(
    () =>
      session.api.subscribe<{ alertRaised: Alert }>(
        ALERT_RAISED,
        ({ alertRaised }) => {
          if (alertRaised.caseId === value.id && EXCHANGE_ALERTS.includes(alertRaised.kind)) reload();
        },
        () => undefined,
      ),
    [session, value.id],
  );
  const act = async (
    query: string,
    vars: Record<string, unknown>,
    done: (result: { reference?: string }) => string,
  ) => {
    setError(undefined);
    try {
      const result = Object.values(await session.api.request<Record<string, { reference?: string }>>(query, vars))[0];
      setStatus(done(result));
      reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const list = requests.data?.freezeRequests ?? [];
  return (
    <section class="card" aria-labelledby="exchange-title" data-testid="case-exchange-requests">
      <h2 id="exchange-title">{t('exchange.title')}</h2>
      <ErrorMessage error={error ?? requests.error} />
      <Status text={status} />
      {list.length === 0 ? <p class="muted">{t('exchange.none')}</p> : null}
      {list.map((request) => (
        <ExchangeRequest key={request.id} request={request}>
          {request.status === 'PENDING_APPROVAL' && session.has('LIAISON_OFFICER') ? (
            <p>
              <button
                type="button"
                class="primary"
                onClick={() => act(APPROVE_FREEZE_REQUEST, { id: request.id }, () => code('APPROVED'))}
              >
                {t('exchange.approve')}
              </button>{' '}
              <input
                aria-label={t('exchange.rejectReason')}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />{' '}
              <button
                type="button"
                onClick={() => act(REJECT_FREEZE_REQUEST, { id: request.id, reason }, () => code('REJECTED'))}
              >
                {t('exchange.reject')}
              </button>
            </p>
          ) : null}
        </ExchangeRequest>
      ))}
      <Holds holds={holds.data?.freezeHolds ?? []} act={act} />
      <Hits hits={hits.data?.hitReports ?? []} />
      <button type="button" onClick={reload}>
        {t('exchange.refresh')}
      </button>
      {session.has('ANALYST') ? <CaseFreezeForm value={value} onRequested={reload} /> : null}
    </section>
  );
}

/**
 * One request to exchanges as any request is shown (its card: targets, basis) and its thread: each
 * exchange's copy with its clock and the exchange's answers.
 */
function ExchangeRequest({ request, children }: { request: FreezeRequest; children?: ComponentChildren }) {
  const { t, code } = useI18n();
  const basisLine = useBasisLine();
  const card: DocRequest = {
    index: 0,
    kind: request.action,
    targetMissing: false,
    text: code(request.action),
    legalBasis: basisLine(request.legalBasis),
  };
  return (
    <div class="exchange-request" data-testid={`freeze-request-${request.reference}`}>
      <h3>
        {request.reference} · <Badge code={request.urgency} /> · <Badge code={request.status} />
      </h3>
      <RequestCard request={card} target={<RequestTargets targets={request.targets} />}>
        {children}
      </RequestCard>
      {request.copies.length ? (
        <ol class="thread" aria-label={t('thread.title')}>
          {request.copies.map((copy) => (
            <CopyItem key={copy.id} copy={copy} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}

function Holds({
  holds,
  act,
}: {
  holds: Hold[];
  act: (query: string, vars: Record<string, unknown>, done: (r: { reference?: string }) => string) => Promise<void>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const followUp = (r: { reference?: string }) => t('exchange.followUp', { reference: r.reference ?? '' });
  return (
    <div data-testid="freeze-holds">
      <h3>{t('exchange.holds')}</h3>
      {holds.length === 0 ? (
        <p class="muted">{t('exchange.noHolds')}</p>
      ) : (
        <table>
          <tbody>
            {holds.map((hold) => (
              <tr key={hold.id}>
                <td>
                  <Partner id={hold.exchangeId} />
                </td>
                <td>
                  <code>{hold.value}</code>
                </td>
                <td>
                  {hold.amount ?? ''} {hold.asset ?? ''}
                </td>
                <td>
                  <Badge code={hold.status} />{' '}
                  {hold.expiringSoon ? <span class="badge badge-urgent">{t('exchange.expiringSoon')}</span> : null}
                </td>
                <td>
                  {t('exchange.until')} <When at={hold.frozenUntil} /> ·{' '}
                  <DeadlineClock at={hold.frozenUntil} kind="end" done={hold.status !== 'HELD'} />
                </td>
                <td>
                  {hold.status === 'HELD' && session.has('ANALYST') ? (
                    <>
                      <button
                        type="button"
                        onClick={() => act(EXTEND_FREEZE, { holdId: hold.id, durationDays: 90 }, followUp)}
                      >
                        {t('exchange.extend')}
                      </button>{' '}
                      <button type="button" onClick={() => act(RELEASE_FREEZE, { holdId: hold.id }, followUp)}>
                        {t('exchange.release')}
                      </button>
                    </>
                  ) : (
                    hold.requestReference
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Hits({ hits }: { hits: HitReport[] }) {
  const { t, code } = useI18n();
  return (
    <div data-testid="hit-reports">
      <h3>{t('exchange.hits')}</h3>
      {hits.length === 0 ? (
        <p class="muted">{t('exchange.noHits')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('exchange.seenAt')}</th>
              <th scope="col">{t('exchange.copy')}</th>
              <th scope="col">{t('exchange.direction')}</th>
              <th scope="col">{t('exchange.targets')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.id}>
                <td>
                  <When at={hit.occurredAt} />
                </td>
                <td>
                  <Partner id={hit.exchangeId} />
                </td>
                <td>
                  {code(hit.direction)} {hit.amount ?? ''} {hit.asset ?? ''}
                </td>
                <td>
                  <code>{hit.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
