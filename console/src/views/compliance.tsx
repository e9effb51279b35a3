import { useState } from 'preact/hooks';
import { type ComplianceRequest, COMPLIANCE_QUEUE, WALLET_HITS, type WalletHit } from '../api/exchange-operations';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { DeadlineClock } from '../components/deadline-clock';
import { Partner } from '../components/partner';
import { useQuery } from '../components/use-query';
import type { DocRequest } from '../document/case-document';
import { RequestCard } from '../document/request-card';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { ComplianceAnswerForm } from './compliance-answer-form';
import { ComplianceThread } from './thread/compliance-thread';
import { RequestTargets, useBasisLine } from './thread/exchange-thread';

/** An exchange's compliance desk: agencies' requests by deadline, each with its order, answers and approvals. */
export function ComplianceView({ selected }: { selected?: string }) {
  const { t, code } = useI18n();
  const queue = useQuery<{ complianceQueue: ComplianceRequest[] }>(COMPLIANCE_QUEUE);
  const requests = queue.data?.complianceQueue ?? [];
  const current = requests.find((r) => r.id === selected);
  return (
    <section aria-labelledby="compliance-title">
      <ViewHeading>
        <span id="compliance-title">{t('compliance.title')}</span>
      </ViewHeading>
      <p class="muted">{t('compliance.intro')}</p>
      <button type="button" onClick={queue.reload}>
        {t('compliance.refresh')}
      </button>
      <ErrorMessage error={queue.error} />
      {!queue.data ? (
        <Loading />
      ) : requests.length === 0 ? (
        <p>{t('compliance.none')}</p>
      ) : (
        <table data-testid="compliance-queue">
          <caption class="sr-only">{t('compliance.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compliance.reference')}</th>
              <th scope="col">{t('compliance.agency')}</th>
              <th scope="col" class="nowrap">
                {t('compliance.action')}
              </th>
              <th scope="col">{t('compliance.urgency')}</th>
              <th scope="col">{t('compliance.deadline')}</th>
              <th scope="col">{t('compliance.status')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} aria-current={r.id === selected ? 'true' : undefined}>
                <td>
                  <a href={`#/compliance/${r.id}`}>{r.reference}</a>
                </td>
                <td>
                  <Partner id={r.agencyId} />
                </td>
                <td class="nowrap">{code(r.action)}</td>
                <td>
                  <Badge code={r.urgency} />
                </td>
                <td>
                  <DeadlineClock at={r.deadlineAt} done={r.status === 'ANSWERED'} />
                </td>
                <td>
                  <Badge code={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current ? <RequestDetail key={current.id} request={current} onChanged={queue.reload} /> : null}
      <WalletHits />
    </section>
  );
}

/** A request from an agency shown as any received request is: its card (targets, basis, deadline), then its thread. */
function RequestDetail({ request, onChanged }: { request: ComplianceRequest; onChanged: () => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [orderUrl, setOrderUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  const basisLine = useBasisLine();
  const { legalBasis } = request;
  const openOrder = async () => {
    try {
      setOrderUrl(URL.createObjectURL(await api.file(`/compliance/requests/${encodeURIComponent(request.id)}/order`)));
    } catch (failure) {
      setError(failure);
    }
  };
  const asked = [
    request.durationDays ? t('compliance.duration', { days: request.durationDays }) : '',
    request.follows ? t('compliance.follows', { reference: request.follows }) : '',
    request.note ?? '',
  ].filter(Boolean);
  const card: DocRequest = {
    index: 0,
    kind: request.action,
    targetMissing: false,
    text: asked.length ? asked.join(' · ') : code(request.action),
    legalBasis: basisLine(legalBasis),
  };
  return (
    <section class="card" aria-labelledby="request-title" data-testid="compliance-request">
      <h2 id="request-title">
        {request.reference} · <Partner id={request.agencyId} />
      </h2>
      <dl class="meta provenance">
        <dt>{t('compliance.caseReference')}</dt>
        <dd>{request.caseReference}</dd>
        <dt>{t('compliance.urgency')}</dt>
        <dd>
          <Badge code={request.urgency} />
        </dd>
        <dt>{t('compliance.status')}</dt>
        <dd>
          <Badge code={request.status} />
        </dd>
      </dl>
      {request.noTippingOff ? <p class="warning">{t('compliance.noTippingOff')}</p> : null}
      <RequestCard
        request={card}
        target={<RequestTargets targets={request.targets} />}
        deadline={
          <>
            <When at={request.deadlineAt} /> ·{' '}
            <DeadlineClock at={request.deadlineAt} done={request.status === 'ANSWERED'} />
          </>
        }
      >
        <dl class="doc-fields">
          <div class="doc-field">
            <dt>{t('compliance.order')}</dt>
            <dd>
              {orderUrl ? (
                <a href={orderUrl} download={legalBasis.order.name}>
                  {legalBasis.order.name}
                </a>
              ) : (
                <button type="button" onClick={openOrder}>
                  {t('compliance.downloadOrder')}
                </button>
              )}{' '}
              <span class="muted small wrap">{t('compliance.orderHash', { sha256: legalBasis.order.sha256 })}</span>
            </dd>
          </div>
        </dl>
      </RequestCard>
      <ErrorMessage error={error} />
      <ComplianceThread request={request} onChanged={onChanged} />
      <ComplianceAnswerForm request={request} onDrafted={onChanged} />
    </section>
  );
}

function WalletHits() {
  const { t, code } = useI18n();
  const hits = useQuery<{ walletHits: WalletHit[] }>(WALLET_HITS);
  const list = hits.data?.walletHits ?? [];
  return (
    <section class="card" aria-labelledby="hits-title">
      <h2 id="hits-title">{t('compliance.hits')}</h2>
      <ErrorMessage error={hits.error} />
      {list.length === 0 ? (
        <p class="muted">{t('compliance.noHits')}</p>
      ) : (
        <table>
          <tbody>
            {list.map((hit) => (
              <tr key={hit.id}>
                <td>
                  <When at={hit.occurredAt} />
                </td>
                <td>
                  <code>{hit.value}</code>
                </td>
                <td>
                  {hit.direction ? code(hit.direction) : '—'} {hit.amount ?? ''} {hit.asset ?? ''}
                </td>
                <td>
                  {t('compliance.listedBy')} <Partner id={hit.entryOrigin} /> ({code(hit.offenceCategory)})
                </td>
                <td>
                  <Badge code={hit.report} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
