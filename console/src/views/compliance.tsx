import { useState } from 'preact/hooks';
import {
  APPROVE_FREEZE_ANSWER,
  type ComplianceAnswer,
  type ComplianceRequest,
  COMPLIANCE_QUEUE,
  REJECT_FREEZE_ANSWER,
  WALLET_HITS,
  type WalletHit,
} from '../api/exchange-operations';
import { Badge, ErrorMessage, Loading, Status, ViewHeading, When } from '../components/common';
import { DeadlineClock } from '../components/deadline-clock';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { ComplianceAnswerForm } from './compliance-answer-form';

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
              <th scope="col">{t('compliance.action')}</th>
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
                <td>{r.agencyId}</td>
                <td>{code(r.action)}</td>
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
      {current ? <RequestDetail request={current} onChanged={queue.reload} /> : null}
      <WalletHits />
    </section>
  );
}

function RequestDetail({ request, onChanged }: { request: ComplianceRequest; onChanged: () => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [orderUrl, setOrderUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  const { legalBasis } = request;
  const openOrder = async () => {
    try {
      setOrderUrl(URL.createObjectURL(await api.file(`/compliance/requests/${encodeURIComponent(request.id)}/order`)));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section class="card" aria-labelledby="request-title" data-testid="compliance-request">
      <h2 id="request-title">
        {request.reference} · {request.agencyId} ·{' '}
        <DeadlineClock at={request.deadlineAt} done={request.status === 'ANSWERED'} />
      </h2>
      {request.noTippingOff ? <p class="warning">{t('compliance.noTippingOff')}</p> : null}
      <dl class="facts">
        <dt>{t('compliance.action')}</dt>
        <dd>
          {code(request.action)}
          {request.durationDays ? ` · ${t('compliance.duration', { days: request.durationDays })}` : ''}
          {request.follows ? ` · ${t('compliance.follows', { reference: request.follows })}` : ''}
        </dd>
        <dt>{t('compliance.legalBasis')}</dt>
        <dd>
          {code(legalBasis.instrumentType)} {legalBasis.reference}, {t('compliance.issuedBy')}{' '}
          {legalBasis.issuingAuthority}
          {legalBasis.issuedOn ? ` (${legalBasis.issuedOn})` : ''}
        </dd>
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
          <span class="muted">{t('compliance.orderHash', { sha256: legalBasis.order.sha256 })}</span>
        </dd>
        {request.note ? (
          <>
            <dt>{t('compliance.note')}</dt>
            <dd>{request.note}</dd>
          </>
        ) : null}
      </dl>
      <ErrorMessage error={error} />
      <h3>{t('compliance.targets')}</h3>
      <ul>
        {request.targets.map((target) => (
          <li key={target.targetId}>
            {target.targetId}: <code>{target.value}</code> ({target.identifierType}
            {target.chain ? `, ${target.chain}` : ''}
            {target.asset ? `, ${target.asset}` : ''}
            {target.amount ? `, ${target.amount}` : ''})
          </li>
        ))}
      </ul>
      <Answers answers={request.answers} onChanged={onChanged} />
      <ComplianceAnswerForm request={request} onDrafted={onChanged} />
    </section>
  );
}

function Answers({ answers, onChanged }: { answers: ComplianceAnswer[]; onChanged: () => void }) {
  const { t, code } = useI18n();
  const session = useSession();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const decide = async (answer: ComplianceAnswer, approve: boolean) => {
    setError(undefined);
    try {
      if (approve) await session.api.request(APPROVE_FREEZE_ANSWER, { id: answer.id });
      else await session.api.request(REJECT_FREEZE_ANSWER, { id: answer.id, reason });
      setStatus(approve ? t('compliance.approved') : code('REJECTED'));
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  if (answers.length === 0) return null;
  return (
    <div data-testid="compliance-answers">
      <h3>{t('compliance.answers')}</h3>
      <ul>
        {answers.map((answer) => (
          <li key={answer.id}>
            <Badge code={answer.status} /> {answer.answers.map((a) => `${a.targetId} ${code(a.status)}`).join(', ')} ·{' '}
            {t('compliance.draftedBy')} {answer.draftedBy} · <When at={answer.draftedAt} />
            {answer.status === 'DENIED_BY_POLICY' ? (
              <span class="muted"> {answer.policyReasons.join('; ')}</span>
            ) : null}
            {answer.status === 'PENDING_APPROVAL' && answer.draftedBy === session.me.username ? (
              <span class="muted"> {t('compliance.yourOwn')}</span>
            ) : null}
            {answer.status === 'PENDING_APPROVAL' && answer.draftedBy !== session.me.username ? (
              <span>
                {' '}
                <button type="button" class="primary" onClick={() => decide(answer, true)}>
                  {t('compliance.approve')}
                </button>{' '}
                <input
                  aria-label={t('compliance.rejectReason')}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />{' '}
                <button type="button" onClick={() => decide(answer, false)}>
                  {t('compliance.reject')}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
      <Status text={status} />
    </div>
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
                  {t('compliance.listedBy')} {hit.entryOrigin} ({code(hit.offenceCategory)})
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
