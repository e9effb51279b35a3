import { CASE, CASES } from '../../api/operations';
import type { Case } from '../../api/types';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { go } from '../../route';
import { useSession } from '../../session';
import { CaseEditor } from './case-editor';
import { CaseRead } from './case-read';

type CaseRow = Pick<Case, 'id' | 'reference' | 'title' | 'tlp' | 'revision' | 'updatedAt' | 'offenceCategories'>;

/** #/cases, #/cases/new, #/cases/<id> (read), #/cases/<id>/edit. */
export function CasesView({ parts }: { parts: string[] }) {
  const [id, mode] = parts;
  if (id === 'new') return <NewCase />;
  if (id && mode === 'edit') return <EditCase id={id} />;
  if (id) return <CaseRead id={id} />;
  return <CaseList />;
}

function CaseList() {
  const { t, code } = useI18n();
  const session = useSession();
  const { data, error } = useQuery<{ cases: CaseRow[] }>(CASES);
  return (
    <section aria-labelledby="cases-title">
      <div class="view-top">
        <ViewHeading>
          <span id="cases-title">{t('cases.title')}</span>
        </ViewHeading>
        {session.has('ANALYST') ? (
          <a class="button primary" href="#/cases/new">
            {t('cases.new')}
          </a>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      {!data ? (
        <Loading />
      ) : data.cases.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <table class="list">
          <caption class="sr-only">{t('cases.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('case.reference')}</th>
              <th scope="col">{t('case.title')}</th>
              <th scope="col">{t('case.offenceCategories')}</th>
              <th scope="col">TLP</th>
              <th scope="col">{t('common.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`#/cases/${c.id}`}>{c.reference}</a>
                </td>
                <td>{c.title}</td>
                <td>{c.offenceCategories.map(code).join(', ')}</td>
                <td>
                  <Badge code={c.tlp} kind={`tlp-${c.tlp}`} />
                </td>
                <td>
                  <When at={c.updatedAt} />{' '}
                  <span class="muted small">{t('case.revisionN', { revision: c.revision })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewCase() {
  const { t } = useI18n();
  return (
    <section>
      <ViewHeading>{t('cases.new')}</ViewHeading>
      <CaseEditor onSaved={(saved) => go('cases', saved.id)} onCancel={() => go('cases')} />
    </section>
  );
}

function EditCase({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error } = useQuery<{ case: Case }>(CASE, { id });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return (
    <section>
      <ViewHeading>{t('case.editing', { reference: data.case.reference })}</ViewHeading>
      <p class="muted">{t('case.revisionN', { revision: data.case.revision })}</p>
      <CaseEditor existing={data.case} onSaved={() => go('cases', id)} onCancel={() => go('cases', id)} />
    </section>
  );
}
