import { useState } from 'preact/hooks';
import {
  APPROVE_FREEZE_ANSWER,
  type ComplianceAnswer,
  type ComplianceRequest,
  REJECT_FREEZE_ANSWER,
  type TargetAnswer,
} from '../../api/exchange-operations';
import { ErrorMessage, Status, When } from '../../components/common';
import { Partner } from '../../components/partner';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { ThreadFact, ThreadItem } from './thread-items';

/** "T1 frozen 48000.5 USDT": one target's answer as the officers read it. */
export function useAnswerLine(): (answer: Pick<TargetAnswer, 'targetId' | 'status' | 'amount' | 'asset'>) => string {
  const { code } = useI18n();
  return (a) => `${a.targetId} ${code(a.status)}${a.amount ? ` ${a.amount} ${a.asset ?? ''}`.trimEnd() : ''}`;
}

/**
 * An exchange's thread of one agency request: the request as it arrived, then each answer written to
 * it with its approval (four eyes: never by its writer) and its delivery to the agency.
 */
export function ComplianceThread({ request, onChanged }: { request: ComplianceRequest; onChanged: () => void }) {
  const { t } = useI18n();
  // Kept here: once decided, the answer's buttons go, but what happened stays in view.
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const decided = (text: string, failure?: unknown) => {
    setError(failure);
    setStatus(text);
    if (!failure) onChanged();
  };
  return (
    <section aria-labelledby="compliance-thread-title" data-testid="compliance-thread">
      <h3 id="compliance-thread-title">{t('thread.title')}</h3>
      <ol class="thread">
        <ThreadItem
          testId="thread-request"
          reply
          heading={
            <>
              <span class="thread-kind">{t('compliance.requestFrom')}</span> <Partner id={request.agencyId} />
            </>
          }
          meta={
            <ThreadFact label={t('inbound.received')}>
              <When at={request.receivedAt} />
            </ThreadFact>
          }
        />
        {request.answers.map((answer) => (
          <AnswerItem key={answer.id} answer={answer} agencyId={request.agencyId} decided={decided} />
        ))}
      </ol>
      {request.answers.length === 0 ? <p class="muted">{t('thread.noReplies')}</p> : null}
      <ErrorMessage error={error} />
      <Status text={status} />
    </section>
  );
}

function AnswerItem({ answer, agencyId, decided }: { answer: ComplianceAnswer; agencyId: string; decided: Decided }) {
  const { t } = useI18n();
  const session = useSession();
  const line = useAnswerLine();
  const pending = answer.status === 'PENDING_APPROVAL';
  const mine = answer.draftedBy === session.me.username;
  const meta = (
    <>
      <ThreadFact label={t('compliance.draftedBy')}>
        {answer.draftedBy} · <When at={answer.draftedAt} />
      </ThreadFact>
      <ThreadFact label={t('compliance.answers')}>
        <span data-testid="answer-lines">{answer.answers.map(line).join(', ')}</span>
      </ThreadFact>
      {answer.decidedBy ? <ThreadFact label={t('share.decidedBy')}>{answer.decidedBy}</ThreadFact> : null}
      {answer.decisionComment ? (
        <ThreadFact label={t('share.comment')}>
          <span class="prose">{answer.decisionComment}</span>
        </ThreadFact>
      ) : null}
      {answer.deliveredAt ? (
        <ThreadFact label={t('thread.delivery')}>
          {t('outbound.delivered')} <When at={answer.deliveredAt} />
        </ThreadFact>
      ) : null}
    </>
  );
  return (
    <ThreadItem
      testId="compliance-answer"
      status={answer.status}
      heading={
        <>
          <span class="thread-kind">{t('thread.ourReply')}</span> <Partner id={agencyId} />
        </>
      }
      meta={meta}
    >
      {answer.status === 'DENIED_BY_POLICY' ? (
        <ul class="reasons" data-testid="policy-reasons">
          {answer.policyReasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
      ) : null}
      {pending && mine ? <p class="muted">{t('compliance.yourOwn')}</p> : null}
      {pending && !mine ? <Decide answer={answer} decided={decided} /> : null}
    </ThreadItem>
  );
}

type Decided = (text: string, failure?: unknown) => void;

/** A second compliance officer's approval or rejection (with its reason) of an answer. */
function Decide({ answer, decided }: { answer: ComplianceAnswer; decided: Decided }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const decide = async (approve: boolean) => {
    try {
      if (approve) await api.request(APPROVE_FREEZE_ANSWER, { id: answer.id });
      else await api.request(REJECT_FREEZE_ANSWER, { id: answer.id, reason });
      decided(approve ? t('compliance.approved') : code('REJECTED'));
    } catch (failure) {
      decided('', failure);
    }
  };
  return (
    <p>
      <button type="button" class="primary" onClick={() => decide(true)}>
        {t('compliance.approve')}
      </button>{' '}
      <input
        aria-label={t('compliance.rejectReason')}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />{' '}
      <button type="button" onClick={() => decide(false)}>
        {t('compliance.reject')}
      </button>
    </p>
  );
}
