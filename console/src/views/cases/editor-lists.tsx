import type * as Gql from '../../api/schema.generated';
import { VALIDATE_IDENTIFIER } from '../../api/operations';
import type { IdentifierCheck } from '../../api/types';
import { FREEZABLE_TYPES, IDENTIFIER_TYPES, REQUEST_KINDS } from '../../api/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import type { SetForm } from './case-editor';
import {
  type CaseForm,
  emptyIdentifier,
  emptyRequest,
  emptyTransaction,
  type IdentifierForm,
  type RequestForm,
  type TransactionForm,
} from './case-form';

function updater<K extends 'identifiers' | 'transactions' | 'requests'>(setForm: SetForm, list: K) {
  return (index: number, patch: Partial<CaseForm[K][number]>) =>
    setForm((f) => ({ ...f, [list]: f[list].map((item, i) => (i === index ? { ...item, ...patch } : item)) }));
}

/** Identifiers, each checked by the node as it is entered (the reason in the officer's language). */
export function IdentifiersEditor({ form, setForm }: { form: CaseForm; setForm: SetForm }) {
  const { t, code, identifierReason } = useI18n();
  const { api } = useSession();
  const setIdentifier = updater(setForm, 'identifiers') as (i: number, p: Partial<IdentifierForm>) => void;

  const validate = async (index: number) => {
    const identifier = form.identifiers[index];
    if (!identifier.value.trim()) return setIdentifier(index, { problem: undefined });
    const { validateIdentifier: check } = await api.request<{ validateIdentifier: IdentifierCheck }>(
      VALIDATE_IDENTIFIER,
      { type: identifier.type, value: identifier.value.trim() },
    );
    setIdentifier(index, { problem: check.valid ? undefined : identifierReason(check) || t('case.identifierInvalid') });
  };

  return (
    <fieldset>
      <legend>{t('case.identifiers')}</legend>
      {form.identifiers.map((identifier, i) => (
        <div class="identifier-row" key={identifier.id}>
          <label>
            {t('case.identifierType', { n: i + 1 })}
            <select
              value={identifier.type}
              onChange={(e) =>
                setIdentifier(i, { type: e.currentTarget.value as Gql.IdentifierType, problem: undefined })
              }
            >
              {IDENTIFIER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {code(type)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('case.identifierValue', { n: i + 1 })}
            <input
              data-field={`identifiers.${i}.value`}
              value={identifier.value}
              aria-invalid={identifier.problem ? 'true' : undefined}
              aria-describedby={identifier.problem ? `identifier-problem-${i}` : undefined}
              onInput={(e) => setIdentifier(i, { value: e.currentTarget.value })}
              onBlur={() => void validate(i)}
            />
          </label>
          <button
            type="button"
            onClick={() => setForm((f) => ({ ...f, identifiers: f.identifiers.filter((_, j) => j !== i) }))}
          >
            {t('case.removeIdentifier', { n: i + 1 })}
          </button>
          {identifier.problem ? (
            <p id={`identifier-problem-${i}`} class="field-problem" data-testid="identifier-problem">
              {identifier.problem}
            </p>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        onClick={() => setForm((f) => ({ ...f, identifiers: [...f.identifiers, emptyIdentifier()] }))}
      >
        {t('case.addIdentifier')}
      </button>
    </fieldset>
  );
}

const TX_FIELDS = ['chain', 'asset', 'amount', 'time', 'from', 'to', 'txHash'] as const;

export function TransactionsEditor({ form, setForm }: { form: CaseForm; setForm: SetForm }) {
  const { t } = useI18n();
  const setTx = updater(setForm, 'transactions') as (i: number, p: Partial<TransactionForm>) => void;
  return (
    <fieldset>
      <legend>{t('doc.transactions')}</legend>
      {form.transactions.map((tx, i) => (
        <fieldset class="subject" key={tx.id}>
          <legend>{t('case.transactionN', { n: i + 1 })}</legend>
          <div class="grid-tx">
            {TX_FIELDS.map((name) => (
              <label key={name} class={name === 'from' || name === 'to' || name === 'txHash' ? 'wide' : ''}>
                {t(`tx.${name}`)}
                <input
                  data-field={`transactions.${i}.${name}`}
                  value={tx[name]}
                  placeholder={name === 'time' ? '2026-03-01T09:30:00Z' : name === 'amount' ? '1250.50' : undefined}
                  onInput={(e) => setTx(i, { [name]: e.currentTarget.value })}
                />
              </label>
            ))}
          </div>
          <button
            type="button"
            onClick={() => setForm((f) => ({ ...f, transactions: f.transactions.filter((_, j) => j !== i) }))}
          >
            {t('case.removeTransaction', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => setForm((f) => ({ ...f, transactions: [...f.transactions, emptyTransaction()] }))}
      >
        {t('case.addTransaction')}
      </button>
    </fieldset>
  );
}

/** Requests name their target among the case's identifiers (a freeze request only wallets and accounts). */
export function RequestsEditor({ form, setForm }: { form: CaseForm; setForm: SetForm }) {
  const { t, code } = useI18n();
  const setRequest = updater(setForm, 'requests') as (i: number, p: Partial<RequestForm>) => void;
  const targets = form.identifiers.filter((i) => i.value.trim());
  return (
    <fieldset>
      <legend>{t('doc.requests')}</legend>
      {form.requests.map((r, i) => (
        <fieldset class="subject" key={r.id}>
          <legend>{t('case.requestN', { n: i + 1 })}</legend>
          <div class="grid-2">
            <label>
              {t('case.requestKind')}
              <select
                value={r.kind}
                onChange={(e) => setRequest(i, { kind: e.currentTarget.value as Gql.RequestKind })}
              >
                {REQUEST_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {code(kind)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('request.target')}
              <select
                data-field={`requests.${i}.targetIdentifierId`}
                value={r.targetIdentifierId}
                onChange={(e) => setRequest(i, { targetIdentifierId: e.currentTarget.value })}
              >
                <option value="">{t('request.noTarget')}</option>
                {targets
                  .filter((id) => r.kind !== 'FREEZE_REQUEST' || FREEZABLE_TYPES.includes(id.type))
                  .map((id) => (
                    <option key={id.id} value={id.id}>
                      {code(id.type)} · {id.value}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          <label>
            {t('request.text')}
            <textarea
              data-field={`requests.${i}.text`}
              rows={2}
              value={r.text}
              onInput={(e) => setRequest(i, { text: e.currentTarget.value })}
            />
          </label>
          <button
            type="button"
            onClick={() => setForm((f) => ({ ...f, requests: f.requests.filter((_, j) => j !== i) }))}
          >
            {t('case.removeRequest', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => setForm((f) => ({ ...f, requests: [...f.requests, emptyRequest()] }))}>
        {t('case.addRequest')}
      </button>
    </fieldset>
  );
}
