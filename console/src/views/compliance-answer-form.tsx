import { useState } from 'preact/hooks';
import {
  ANSWER_STATUSES,
  type AnswerStatus,
  type ComplianceRequest,
  DRAFT_FREEZE_ANSWER,
  type Target,
} from '../api/exchange-operations';
import { ErrorMessage, Status } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface Draft {
  status: AnswerStatus | '';
  amount: string;
  asset: string;
  account: string;
  at: string;
  frozenUntil: string;
  missing: string;
  reason: string;
  note: string;
}

const EMPTY: Draft = {
  status: '',
  amount: '',
  asset: '',
  account: '',
  at: '',
  frozenUntil: '',
  missing: '',
  reason: '',
  note: '',
};
const HOLDING = ['FROZEN', 'PARTIALLY_FROZEN'];

/** A datetime-local value (the officer's time zone) as the wire's UTC timestamp. */
const iso = (local: string) => (local ? new Date(local).toISOString() : null);

/** The answer a compliance officer writes, per target; it leaves once a second officer approves it. */
export function ComplianceAnswerForm({ request, onDrafted }: { request: ComplianceRequest; onDrafted: () => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const draftOf = (target: Target) => drafts[target.targetId] ?? EMPTY;
  const change = (target: Target, key: keyof Draft, value: string) =>
    setDrafts((all) => ({ ...all, [target.targetId]: { ...draftOf(target), [key]: value } }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const answers = request.targets
      .filter((target) => draftOf(target).status)
      .map((target) => {
        const d = draftOf(target);
        const holding = HOLDING.includes(d.status);
        return {
          targetId: target.targetId,
          status: d.status,
          amount: holding ? d.amount || null : null,
          asset: holding ? d.asset || null : null,
          account: holding ? d.account || null : null,
          at: holding || d.status === 'RELEASED' ? iso(d.at) : null,
          frozenUntil: holding ? iso(d.frozenUntil) : null,
          missing: d.status === 'NEEDS_LEGAL_PROCESS' ? d.missing : null,
          reason: d.status === 'DECLINED' ? d.reason : null,
          note: d.note || null,
        };
      });
    if (answers.length === 0) return setError(new Error(t('compliance.chooseAnswer')));
    try {
      await api.request(DRAFT_FREEZE_ANSWER, { requestId: request.id, answers });
      setDrafts({});
      setStatus(t('compliance.drafted'));
      onDrafted();
    } catch (failure) {
      setError(failure);
    }
  };

  const input = (target: Target, key: keyof Draft, label: string, type: 'text' | 'datetime-local' = 'text') => {
    const common = {
      'aria-label': `${label} ${target.targetId}`,
      value: draftOf(target)[key],
      onInput: (e: Event) => change(target, key, (e.currentTarget as HTMLInputElement).value),
    };
    return (
      <label>
        {label}
        {type === 'datetime-local' ? <input type="datetime-local" {...common} /> : <input type="text" {...common} />}
      </label>
    );
  };

  return (
    <form onSubmit={submit} aria-labelledby="answer-form-title">
      <h3 id="answer-form-title">{t('compliance.answerForm')}</h3>
      {request.targets.map((target) => {
        const d = draftOf(target);
        return (
          <fieldset class="answer-target" key={target.targetId}>
            <legend>
              {t('compliance.answerTarget', { target: target.targetId })}: <code>{target.value}</code>
            </legend>
            <label>
              {t('compliance.status')}
              <select
                aria-label={`${t('compliance.answerTarget', { target: target.targetId })}`}
                value={d.status}
                onChange={(e) => change(target, 'status', e.currentTarget.value)}
              >
                <option value="">{t('compliance.skip')}</option>
                {ANSWER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {code(s)}
                  </option>
                ))}
              </select>
            </label>
            {HOLDING.includes(d.status) ? (
              <div class="grid-2">
                {input(target, 'amount', t('compliance.amount'))}
                {input(target, 'asset', t('compliance.asset'))}
                {input(target, 'account', t('compliance.account'))}
                {input(target, 'at', t('compliance.at'), 'datetime-local')}
                {input(target, 'frozenUntil', t('compliance.frozenUntil'), 'datetime-local')}
              </div>
            ) : null}
            {d.status === 'RELEASED' ? input(target, 'at', t('compliance.at'), 'datetime-local') : null}
            {d.status === 'NEEDS_LEGAL_PROCESS' ? input(target, 'missing', t('compliance.missing')) : null}
            {d.status === 'DECLINED' ? input(target, 'reason', t('compliance.reason')) : null}
          </fieldset>
        );
      })}
      <ErrorMessage error={error} />
      <Status text={status} />
      <button type="submit" class="primary">
        {t('compliance.submit')}
      </button>
    </form>
  );
}
