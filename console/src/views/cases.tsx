import { CASE, type Case, CASES } from '../api/operations';
import { Badge, ErrorMessage, Loading, ViewHeading, When } from '../components/common';
import { useQuery } from '../components/use-query';
import { useI18n } from '../i18n/i18n';
import { go } from '../route';
import { useSession } from '../session';
import { CaseAttachments } from './case-attachments';
import { CaseEditor } from './case-editor';
import { CaseSharing } from './case-sharing';

type CaseRow = Pick<Case, 'id' | 'reference' | 'title' | 'tlp' | 'revision' | 'updatedAt' | 'offenceCategories'>;

export function CasesView({ id }: { id?: string }) {
  if (id === 'new') return <NewCase />;
  if (id) return <CaseDetail id={id} />;
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
        <table>
          <caption class="sr-only">{t('cases.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('case.reference')}</th>
              <th scope="col">{t('case.title')}</th>
              <th scope="col">{t('case.offenceCategories')}</th>
              <th scope="col">TLP</th>
              <th scope="col">{t('case.revision')}</th>
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
                <td>{c.revision}</td>
                <td>
                  <When at={c.updatedAt} />
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
      <CaseEditor onSaved={(saved) => go('cases', saved.id)} />
    </section>
  );
}

function CaseDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const session = useSession();
  const { data, error, setData } = useQuery<{ case: Case }>(CASE, { id });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const current = data.case;
  return (
    <section>
      <ViewHeading>
        {current.reference} — {current.title}
      </ViewHeading>
      <p class="muted">
        {t('case.revision')} {current.revision} · {t('case.createdBy', { user: current.createdBy })} · <When at={current.updatedAt} />
      </p>
      {session.has('ANALYST') ? (
        <>
          <CaseEditor existing={current} onSaved={(saved) => setData({ case: saved })} />
          <CaseAttachments value={current} onUploaded={() => session.api.request<{ case: Case }>(CASE, { id }).then(setData)} />
          <CaseSharing value={current} />
        </>
      ) : (
        <pre class="json">{JSON.stringify(current, null, 2)}</pre>
      )}
    </section>
  );
}
