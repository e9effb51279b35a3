import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import {
  type Case,
  CREATE_CASE,
  HANDLING_CODES,
  IDENTIFIER_TYPES,
  OFFENCE_CATEGORIES,
  SOURCE_RELIABILITY,
  TLP_LEVELS,
  UPDATE_CASE,
  VALIDATE_IDENTIFIER,
} from '../api/operations';
import { ErrorMessage, Status } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

interface SubjectForm {
  id?: string | null;
  names: string;
  aliases: string;
  dateOfBirth: string;
  nationality: string;
  documentType: string;
  documentNumber: string;
  documentCountry: string;
}

interface IdentifierForm {
  id?: string | null;
  type: string;
  value: string;
  problem?: string;
}

interface CaseForm {
  reference: string;
  title: string;
  summary: string;
  offenceCategories: string[];
  tlp: string;
  handlingCodes: string[];
  sourceReliability: string;
  informationAccuracy: number;
  subjects: SubjectForm[];
  identifiers: IdentifierForm[];
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

function formOf(value?: Case): CaseForm {
  if (!value) {
    return {
      reference: '', title: '', summary: '', offenceCategories: [], tlp: 'AMBER', handlingCodes: ['INTELLIGENCE_ONLY'],
      sourceReliability: 'B', informationAccuracy: 2, subjects: [], identifiers: [{ type: 'WALLET_BTC', value: '' }],
    };
  }
  return {
    reference: value.reference,
    title: value.title,
    summary: value.summary ?? '',
    offenceCategories: value.offenceCategories,
    tlp: value.tlp,
    handlingCodes: value.handlingCodes,
    sourceReliability: value.sourceReliability,
    informationAccuracy: value.informationAccuracy,
    subjects: value.subjects.map((s) => ({
      id: s.id,
      names: s.names.join(', '),
      aliases: (s.aliases ?? []).join(', '),
      dateOfBirth: s.dateOfBirth ?? '',
      nationality: s.nationality ?? '',
      documentType: s.documents?.[0]?.type ?? 'PASSPORT',
      documentNumber: s.documents?.[0]?.number ?? '',
      documentCountry: s.documents?.[0]?.issuingCountry ?? '',
    })),
    identifiers: value.identifiers.map((i) => ({ id: i.id, type: i.type, value: i.value })),
  };
}

/** The CaseInput the API takes; transactions and requests of an existing case are kept as they are. */
function inputOf(form: CaseForm, existing?: Case): Record<string, unknown> {
  return {
    reference: form.reference.trim(),
    title: form.title.trim(),
    summary: form.summary.trim() || null,
    offenceCategories: form.offenceCategories,
    tlp: form.tlp,
    handlingCodes: form.handlingCodes,
    sourceReliability: form.sourceReliability,
    informationAccuracy: form.informationAccuracy,
    subjects: form.subjects.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      names: list(s.names),
      aliases: list(s.aliases),
      dateOfBirth: s.dateOfBirth || null,
      nationality: s.nationality || null,
      documents: s.documentNumber ? [{ type: s.documentType, number: s.documentNumber, issuingCountry: s.documentCountry }] : [],
    })),
    identifiers: form.identifiers.filter((i) => i.value.trim()).map((i) => ({ ...(i.id ? { id: i.id } : {}), type: i.type, value: i.value.trim() })),
    transactions: (existing?.transactions ?? []).map(({ id, chain, txHash, from, to, asset, amount, time }) => ({ id, chain, txHash, from, to, asset, amount, time })),
    requests: (existing?.requests ?? []).map(({ id, kind, targetIdentifierId, text }) => ({ id, kind, targetIdentifierId, text })),
  };
}

export function CaseEditor({ existing, onSaved }: { existing?: Case; onSaved: (saved: Case) => void }) {
  const { t, code } = useI18n();
  const { api } = useSession();
  const [form, setForm] = useState<CaseForm>(() => formOf(existing));
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<CaseForm>) => setForm((f) => ({ ...f, ...patch }));
  const toggle = (values: string[], value: string) => (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);
  const setSubject = (index: number, patch: Partial<SubjectForm>) => set({ subjects: form.subjects.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const setIdentifier = (index: number, patch: Partial<IdentifierForm>) =>
    setForm((f) => ({ ...f, identifiers: f.identifiers.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));

  const validate = async (index: number) => {
    const identifier = form.identifiers[index];
    if (!identifier.value.trim()) return setIdentifier(index, { problem: undefined });
    const { validateIdentifier } = await api.request<{ validateIdentifier: { valid: boolean; reason: string | null } }>(VALIDATE_IDENTIFIER, {
      type: identifier.type,
      value: identifier.value.trim(),
    });
    setIdentifier(index, { problem: validateIdentifier.valid ? undefined : (validateIdentifier.reason ?? t('case.identifierInvalid')) });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const input = inputOf(form, existing);
      const saved = existing
        ? (await api.request<{ updateCase: Case }>(UPDATE_CASE, { id: existing.id, input, rev: existing.revision })).updateCase
        : (await api.request<{ createCase: Case }>(CREATE_CASE, { input })).createCase;
      setStatus(t('case.saved', { revision: saved.revision }));
      onSaved(saved);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.field) document.querySelector<HTMLElement>(`[data-field="${failure.field.replace(/^input\./, '')}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card case-form" onSubmit={save} aria-label={existing ? t('case.editForm') : t('case.newForm')}>
      <div class="grid-2">
        <label>
          {t('case.reference')}
          <input data-field="reference" required value={form.reference} onInput={(e) => set({ reference: e.currentTarget.value })} />
        </label>
        <label>
          {t('case.title')}
          <input data-field="title" required value={form.title} onInput={(e) => set({ title: e.currentTarget.value })} />
        </label>
      </div>
      <label>
        {t('case.summary')}
        <textarea data-field="summary" rows={3} value={form.summary} onInput={(e) => set({ summary: e.currentTarget.value })} />
      </label>
      <fieldset data-field="offenceCategories" tabIndex={-1}>
        <legend>{t('case.offenceCategories')}</legend>
        {OFFENCE_CATEGORIES.map((c) => (
          <label class="check" key={c}>
            <input type="checkbox" checked={form.offenceCategories.includes(c)} onChange={() => set({ offenceCategories: toggle(form.offenceCategories, c) })} />
            {code(c)}
          </label>
        ))}
      </fieldset>
      <div class="grid-3">
        <label>
          TLP
          <select data-field="tlp" value={form.tlp} onChange={(e) => set({ tlp: e.currentTarget.value })}>
            {TLP_LEVELS.map((l) => (
              <option key={l} value={l}>{code(l)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('case.sourceReliability')}
          <select value={form.sourceReliability} onChange={(e) => set({ sourceReliability: e.currentTarget.value })}>
            {SOURCE_RELIABILITY.map((l) => (
              <option key={l} value={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          {t('case.informationAccuracy')}
          <select value={String(form.informationAccuracy)} onChange={(e) => set({ informationAccuracy: Number(e.currentTarget.value) })}>
            {[1, 2, 3, 4].map((l) => (
              <option key={l} value={l}>{l}</option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{t('case.handlingCodes')}</legend>
        {HANDLING_CODES.map((c) => (
          <label class="check" key={c}>
            <input type="checkbox" checked={form.handlingCodes.includes(c)} onChange={() => set({ handlingCodes: toggle(form.handlingCodes, c) })} />
            {code(c)}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('case.subjects')}</legend>
        {form.subjects.map((s, i) => (
          <fieldset class="subject" key={i}>
            <legend>{t('case.subjectN', { n: i + 1 })}</legend>
            <div class="grid-3">
              <label>
                {t('case.names')}
                <input data-field={`subjects.${i}.names`} value={s.names} onInput={(e) => setSubject(i, { names: e.currentTarget.value })} />
              </label>
              <label>
                {t('case.aliases')}
                <input value={s.aliases} onInput={(e) => setSubject(i, { aliases: e.currentTarget.value })} />
              </label>
              <label>
                {t('case.dateOfBirth')}
                <input data-field={`subjects.${i}.dateOfBirth`} placeholder="YYYY-MM-DD" value={s.dateOfBirth} onInput={(e) => setSubject(i, { dateOfBirth: e.currentTarget.value })} />
              </label>
              <label>
                {t('case.nationality')}
                <input maxLength={2} value={s.nationality} onInput={(e) => setSubject(i, { nationality: e.currentTarget.value.toUpperCase() })} />
              </label>
              <label>
                {t('case.passportNumber')}
                <input value={s.documentNumber} onInput={(e) => setSubject(i, { documentNumber: e.currentTarget.value })} />
              </label>
              <label>
                {t('case.documentCountry')}
                <input maxLength={2} value={s.documentCountry} onInput={(e) => setSubject(i, { documentCountry: e.currentTarget.value.toUpperCase() })} />
              </label>
            </div>
            <button type="button" onClick={() => set({ subjects: form.subjects.filter((_, j) => j !== i) })}>
              {t('case.removeSubject', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => set({ subjects: [...form.subjects, { names: '', aliases: '', dateOfBirth: '', nationality: '', documentType: 'PASSPORT', documentNumber: '', documentCountry: '' }] })}
        >
          {t('case.addSubject')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('case.identifiers')}</legend>
        {form.identifiers.map((identifier, i) => (
          <div class="identifier-row" key={i}>
            <label>
              {t('case.identifierType', { n: i + 1 })}
              <select value={identifier.type} onChange={(e) => setIdentifier(i, { type: e.currentTarget.value, problem: undefined })}>
                {IDENTIFIER_TYPES.map((type) => (
                  <option key={type} value={type}>{code(type)}</option>
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
            <button type="button" onClick={() => set({ identifiers: form.identifiers.filter((_, j) => j !== i) })}>
              {t('case.removeIdentifier', { n: i + 1 })}
            </button>
            {identifier.problem ? (
              <p id={`identifier-problem-${i}`} class="field-problem">
                {identifier.problem}
              </p>
            ) : null}
          </div>
        ))}
        <button type="button" onClick={() => set({ identifiers: [...form.identifiers, { type: 'WALLET_BTC', value: '' }] })}>
          {t('case.addIdentifier')}
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <Status text={status} />
      <button type="submit" class="primary" disabled={busy}>
        {existing ? t('case.save') : t('case.create')}
      </button>
    </form>
  );
}
