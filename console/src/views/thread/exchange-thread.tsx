import type { Copy, LegalBasis, Target } from '../../api/exchange-operations';
import { Badge, When } from '../../components/common';
import { DeadlineClock } from '../../components/deadline-clock';
import { Partner } from '../../components/partner';
import { IdentifierLine } from '../../document/identifier-list';
import { useI18n } from '../../i18n/i18n';
import { useAnswerLine } from './compliance-thread';
import { ThreadFact, ThreadItem } from './thread-items';

/** "seizure warrant 2026-Go-1234, issued by Seoul Central District Court (2026-12-01)". */
export function useBasisLine(): (basis: LegalBasis) => string {
  const { t, code } = useI18n();
  return (basis) =>
    t('compliance.basisLine', {
      instrument: code(basis.instrumentType),
      reference: basis.reference,
      authority: basis.issuingAuthority,
    }) + (basis.issuedOn ? ` (${basis.issuedOn})` : '');
}

/** The wallets and accounts a request to exchanges names, each with its type in the reader's language. */
export function RequestTargets({ targets }: { targets: Target[] }) {
  return (
    <ul class="plain" data-testid="request-targets">
      {targets.map((target) => (
        <li key={target.targetId}>
          <span class="muted">{target.targetId}</span>{' '}
          <IdentifierLine identifier={{ type: target.identifierType, value: target.value }} />
          {[target.chain, target.asset, target.amount].filter(Boolean).map((detail) => ` · ${detail}`)}
        </li>
      ))}
    </ul>
  );
}

/** The latest answer per target of one exchange's copy. */
function latest(copy: Copy): Copy['answers'] {
  const byTarget = new Map<string, Copy['answers'][number]>();
  for (const answer of copy.answers) byTarget.set(answer.targetId, answer);
  return [...byTarget.values()];
}

const newest = (times: string[]) => [...times].sort().at(-1);

/** One exchange's copy of an agency's request, in the request's thread: where it went, its clock, the answers. */
export function CopyItem({ copy }: { copy: Copy }) {
  const { t } = useI18n();
  const line = useAnswerLine();
  const answers = latest(copy);
  return (
    <ThreadItem
      testId={`copy-${copy.exchangeId}`}
      status={copy.status}
      heading={
        <>
          <span class="thread-kind">{t('exchange.sentTo')}</span> <Partner id={copy.exchangeId} />
        </>
      }
      meta={
        <>
          <ThreadFact label={t('compliance.deadline')}>
            <DeadlineClock at={copy.deadlineAt} done={copy.answerState === 'ANSWERED'} />
          </ThreadFact>
          {answers.length === 0 ? (
            <ThreadFact label={t('exchange.answerState')}>
              <Badge code={copy.answerState} />
            </ThreadFact>
          ) : null}
          {copy.lastError ? (
            <ThreadFact label={t('outbound.lastError')} bad>
              {copy.lastError}
            </ThreadFact>
          ) : null}
        </>
      }
    >
      {copy.status === 'DENIED_BY_POLICY' ? (
        <ul class="reasons" data-testid="policy-reasons">
          {copy.policyReasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
      ) : null}
      {answers.length ? (
        <ol class="thread nested">
          <ThreadItem
            testId="copy-answer"
            reply
            status={copy.answerState}
            heading={
              <>
                <span class="thread-kind">{t('thread.replyFrom')}</span> <Partner id={copy.exchangeId} />
              </>
            }
            meta={
              <>
                <ThreadFact label={t('inbound.received')}>
                  <When at={newest(answers.map((a) => a.answeredAt))} />
                </ThreadFact>
                <ThreadFact label={t('exchange.latest')}>
                  <span data-testid="answer-lines">{answers.map(line).join(', ')}</span>
                </ThreadFact>
              </>
            }
          />
        </ol>
      ) : null}
    </ThreadItem>
  );
}
