import { IDENTITY_DOCUMENT_TYPES } from '../../api/vocabulary';
import { useI18n } from '../../i18n/i18n';
import type { SetForm } from './case-editor';
import { type CaseForm, emptySubject, type SubjectForm } from './case-form';

export function SubjectsEditor({ form, setForm }: { form: CaseForm; setForm: SetForm }) {
  const { t, code } = useI18n();
  const setSubject = (index: number, patch: Partial<SubjectForm>) =>
    setForm((f) => ({ ...f, subjects: f.subjects.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  return (
    <fieldset>
      <legend>{t('case.subjects')}</legend>
      {form.subjects.map((s, i) => (
        <fieldset class="subject" key={i}>
          <legend>{t('case.subjectN', { n: i + 1 })}</legend>
          <div class="grid-3">
            <label>
              {t('case.names')}
              <input
                data-field={`subjects.${i}.names`}
                value={s.names}
                onInput={(e) => setSubject(i, { names: e.currentTarget.value })}
              />
            </label>
            <label>
              {t('case.aliases')}
              <input value={s.aliases} onInput={(e) => setSubject(i, { aliases: e.currentTarget.value })} />
            </label>
            <label>
              {t('case.dateOfBirth')}
              <input
                data-field={`subjects.${i}.dateOfBirth`}
                placeholder="YYYY-MM-DD"
                value={s.dateOfBirth}
                onInput={(e) => setSubject(i, { dateOfBirth: e.currentTarget.value })}
              />
            </label>
            <label>
              {t('case.nationality')}
              <input
                data-field={`subjects.${i}.nationality`}
                maxLength={2}
                value={s.nationality}
                onInput={(e) => setSubject(i, { nationality: e.currentTarget.value.toUpperCase() })}
              />
            </label>
            <label>
              {t('case.documentType')}
              <select value={s.documentType} onChange={(e) => setSubject(i, { documentType: e.currentTarget.value })}>
                {IDENTITY_DOCUMENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {code(type)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('case.documentNumber')}
              <input
                data-field={`subjects.${i}.documents.0.number`}
                value={s.documentNumber}
                onInput={(e) => setSubject(i, { documentNumber: e.currentTarget.value })}
              />
            </label>
            <label>
              {t('case.documentCountry')}
              <input
                data-field={`subjects.${i}.documents.0.issuingCountry`}
                maxLength={2}
                value={s.documentCountry}
                onInput={(e) => setSubject(i, { documentCountry: e.currentTarget.value.toUpperCase() })}
              />
            </label>
          </div>
          <button
            type="button"
            onClick={() => setForm((f) => ({ ...f, subjects: f.subjects.filter((_, j) => j !== i) }))}
          >
            {t('case.removeSubject', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => setForm((f) => ({ ...f, subjects: [...f.subjects, emptySubject()] }))}>
        {t('case.addSubject')}
      </button>
    </fieldset>
  );
}
