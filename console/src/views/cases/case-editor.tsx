import type * as Gql from '../../api/schema.generated';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { CREATE_CASE, UPDATE_CASE } from '../../api/operations';
import type { Case } from '../../api/types';
import { HANDLING_CODES, OFFENCE_CATEGORIES, SOURCE_RELIABILITY, TLP_LEVELS } from '../../api/vocabulary';
import { ErrorMessage, Status } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { type CaseForm, formFieldOf, formOf, inputOf } from './case-form';
import { IdentifiersEditor, RequestsEditor, TransactionsEditor } from './editor-lists';
import { SubjectsEditor } from './editor-subjects';

export type SetForm = (update: (form: CaseForm) => CaseForm) => void;

/** The edit view of a case (and the form of a new one): every part of the case, transactions and requests included. */
export function CaseEditor({
  existing,
  onSaved,
  onCancel,
}: {
  existing?: Case;
  onSaved: (saved: Case) => void;
  onCancel?: () => void;
}) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [form, setFormState] = useState<CaseForm>(() => formOf(existing));
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const setForm: SetForm = (update) => setFormState(update);
  const set = (patch: Partial<CaseForm>) => setForm((f) => ({ ...f, ...patch }));
  const toggle = <T extends string>(values: T[], value: T): T[] =>
    values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const input = inputOf(form);
      const saved = existing
        ? (await api.request<{ updateCase: Case }>(UPDATE_CASE, { id: existing.id, input, rev: existing.revision }))
            .updateCase
        : (await api.request<{ createCase: Case }>(CREATE_CASE, { input })).createCase;
      setStatus(t('case.saved', { revision: saved.revision }));
      onSaved(saved);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.field)
        document.querySelector<HTMLElement>(`[data-field="${formFieldOf(failure.field)}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card case-form" onSubmit={save} aria-label={existing ? t('case.editForm') : t('case.newForm')}>
      <div class="grid-2">
        <label>
          {t('case.reference')}
          <input
            data-field="reference"
            required
            value={form.reference}
            onInput={(e) => set({ reference: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('case.title')}
          <input
            data-field="title"
            required
            value={form.title}
            onInput={(e) => set({ title: e.currentTarget.value })}
          />
        </label>
      </div>
      <label>
        {t('case.summary')}
        <textarea
          data-field="summary"
          rows={3}
          value={form.summary}
          onInput={(e) => set({ summary: e.currentTarget.value })}
        />
      </label>
      <fieldset data-field="offenceCategories" tabIndex={-1}>
        <legend>{t('case.offenceCategories')}</legend>
        {OFFENCE_CATEGORIES.map((c) => (
          <label class="check" key={c}>
            <input
              type="checkbox"
              checked={form.offenceCategories.includes(c)}
              onChange={() => set({ offenceCategories: toggle(form.offenceCategories, c) })}
            />
            {code(c)}
          </label>
        ))}
      </fieldset>
      <div class="grid-3">
        <label>
          TLP
          <select data-field="tlp" value={form.tlp} onChange={(e) => set({ tlp: e.currentTarget.value as Gql.Tlp })}>
            {TLP_LEVELS.map((l) => (
              <option key={l} value={l}>
                {code(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('case.sourceReliability')}
          <select
            value={form.sourceReliability}
            onChange={(e) => set({ sourceReliability: e.currentTarget.value as Gql.SourceReliability })}
          >
            {SOURCE_RELIABILITY.map((l) => (
              <option key={l} value={l}>
                {l} — {code(`RELIABILITY_${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('case.informationAccuracy')}
          <select
            value={String(form.informationAccuracy)}
            onChange={(e) => set({ informationAccuracy: Number(e.currentTarget.value) })}
          >
            {[1, 2, 3, 4].map((l) => (
              <option key={l} value={l}>
                {l} — {code(`ACCURACY_${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{t('case.handlingCodes')}</legend>
        {HANDLING_CODES.map((c) => (
          <label class="check" key={c}>
            <input
              type="checkbox"
              checked={form.handlingCodes.includes(c)}
              onChange={() => set({ handlingCodes: toggle(form.handlingCodes, c) })}
            />
            {code(c)}
          </label>
        ))}
      </fieldset>
      <SubjectsEditor form={form} setForm={setForm} />
      <IdentifiersEditor form={form} setForm={setForm} />
      <TransactionsEditor form={form} setForm={setForm} />
      <RequestsEditor form={form} setForm={setForm} />
      <ErrorMessage error={error} />
      <Status text={status} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {existing ? t('case.save') : t('case.create')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('case.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
