import type { ComponentChildren } from 'preact';
import { Badge } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { type CaseDoc, type DocAttachment, type DocSubject, type DocTransaction, formatBytes } from './case-document';
import { DocChip, DocField, type Marks, MarksContext, useMark } from './document-marks';
import { IdentifierLine, IdentifierList, type ValidityMap } from './identifier-list';
import { RequestCard } from './request-card';
import { usePartnerLabel } from '../components/partner';

/**
 * The one way a case is shown: as a case, a preview, a received packet or a reply. Sections in a
 * fixed order, fields in a fixed order inside them, names of types and codes in the reader's language.
 */
export function CaseDocumentView({
  doc,
  marks = { side: 'plain', removed: [] },
  validity,
  label,
  headingLevel = 3,
}: {
  doc: CaseDoc;
  marks?: Marks;
  validity?: ValidityMap;
  label: string;
  headingLevel?: 3 | 4;
}) {
  return (
    <MarksContext.Provider value={marks}>
      <div class="case-document" aria-label={label} role="group">
        {doc.kind === 'reply' ? (
          <ReplySection doc={doc} level={headingLevel} />
        ) : (
          <>
            <SummarySection doc={doc} level={headingLevel} />
            <SubjectsSection doc={doc} level={headingLevel} />
            <ListSection
              id="identifiers"
              present={doc.identifiers !== undefined}
              empty={doc.identifiers?.length === 0}
              level={headingLevel}
            >
              <IdentifierList identifiers={doc.identifiers ?? []} validity={validity} />
            </ListSection>
            <ListSection
              id="transactions"
              present={doc.transactions !== undefined}
              empty={doc.transactions?.length === 0}
              level={headingLevel}
            >
              {(doc.transactions ?? []).map((tx) => (
                <TransactionCard key={tx.index} tx={tx} doc={doc} />
              ))}
            </ListSection>
            <ListSection
              id="requests"
              present={doc.requests !== undefined}
              empty={doc.requests?.length === 0}
              level={headingLevel}
            >
              {(doc.requests ?? []).map((r) => (
                <RequestCard key={r.index} request={r} terms={doc.terms} handlingCodes={doc.handlingCodes} />
              ))}
            </ListSection>
            <ListSection
              id="attachments"
              present={doc.attachments !== undefined}
              empty={doc.attachments?.length === 0}
              level={headingLevel}
            >
              {(doc.attachments ?? []).map((a) => (
                <AttachmentLine key={a.index} attachment={a} />
              ))}
            </ListSection>
            {doc.otherFields.length > 0 ? <OtherFieldsSection doc={doc} level={headingLevel} /> : null}
            {doc.terms ? <TermsSection doc={doc} level={headingLevel} /> : null}
          </>
        )}
      </div>
    </MarksContext.Provider>
  );
}

function Heading({ level, children }: { level: 3 | 4; children: ComponentChildren }) {
  return level === 3 ? <h3 class="doc-heading">{children}</h3> : <h4 class="doc-heading">{children}</h4>;
}

const SECTION_TITLES = {
  identifiers: 'doc.identifiers',
  transactions: 'doc.transactions',
  requests: 'doc.requests',
  attachments: 'doc.attachments',
  subjects: 'doc.subjects',
} as const;

/** A list section: marked as a whole when the policy withholds the list; says so when it is empty or absent. */
function ListSection({
  id,
  present,
  empty,
  level,
  children,
}: {
  id: keyof typeof SECTION_TITLES;
  present: boolean;
  empty: boolean;
  level: 3 | 4;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const mark = useMark(id);
  return (
    <section class={`doc-section doc-${id} ${mark.cls}`} data-path={id}>
      <Heading level={level}>
        {t(SECTION_TITLES[id])} {mark.rule}
      </Heading>
      {!present ? (
        <p class="muted small">{t('doc.notIncluded')}</p>
      ) : empty ? (
        <p class="muted small">{t('doc.none')}</p>
      ) : (
        <div class="doc-items">{children}</div>
      )}
    </section>
  );
}

function SummarySection({ doc, level }: { doc: CaseDoc; level: 3 | 4 }) {
  const { t, code } = useI18n();
  return (
    <section class="doc-section doc-summary">
      <Heading level={level}>{t('doc.summaryAndGrading')}</Heading>
      <dl class="doc-fields">
        {doc.reference ? (
          <DocField path="reference" label={t('case.reference')} mono>
            {doc.reference}
          </DocField>
        ) : null}
        {doc.title ? (
          <DocField path="title" label={t('case.title')}>
            {doc.title}
          </DocField>
        ) : null}
        <DocField path="summary" label={t('case.summary')}>
          {doc.summary ?? <span class="muted">—</span>}
        </DocField>
        <div class="doc-field" data-path="offenceCategories">
          <dt>{t('case.offenceCategories')}</dt>
          <dd>
            {doc.offenceCategories.map((c, i) => (
              <DocChip key={c} path={`offenceCategories[${i}]`}>
                {code(c)}
              </DocChip>
            ))}
          </dd>
        </div>
        {doc.tlp ? (
          <DocField path="tlp" label="TLP">
            <Badge code={doc.tlp} kind={`tlp-${doc.tlp}`} />
          </DocField>
        ) : null}
        <div class="doc-field" data-path="handlingCodes">
          <dt>{t('case.handlingCodes')}</dt>
          <dd>
            {doc.handlingCodes.length === 0 ? <span class="muted">—</span> : null}
            {doc.handlingCodes.map((c, i) => (
              <DocChip key={c} path={`handlingCodes[${i}]`}>
                {code(c)}
              </DocChip>
            ))}
          </dd>
        </div>
        {doc.sourceReliability ? (
          <DocField path="sourceReliability" label={t('case.sourceReliability')}>
            {doc.sourceReliability} — {code(`RELIABILITY_${doc.sourceReliability}`)}
          </DocField>
        ) : null}
        {doc.informationAccuracy !== undefined ? (
          <DocField path="informationAccuracy" label={t('case.informationAccuracy')}>
            {doc.informationAccuracy} — {code(`ACCURACY_${doc.informationAccuracy}`)}
          </DocField>
        ) : null}
      </dl>
    </section>
  );
}

function SubjectsSection({ doc, level }: { doc: CaseDoc; level: 3 | 4 }) {
  return (
    <ListSection id="subjects" present={doc.subjects !== undefined} empty={doc.subjects?.length === 0} level={level}>
      {(doc.subjects ?? []).map((s, n) => (
        <SubjectCard key={s.index} subject={s} n={n + 1} />
      ))}
    </ListSection>
  );
}

function SubjectCard({ subject, n }: { subject: DocSubject; n: number }) {
  const { t, code } = useI18n();
  const path = `subjects[${subject.index}]`;
  const mark = useMark(path);
  const documentsPath = `${path}.documents`;
  const documentsMark = useMark(documentsPath);
  return (
    <article class={`doc-card ${mark.cls}`} data-path={path}>
      <p class="doc-card-title">
        {t('case.subjectN', { n })}
        {subject.names?.length ? ` · ${subject.names[0]}` : ''} {mark.rule}
      </p>
      <dl class="doc-fields">
        <DocField path={`${path}.names`} label={t('doc.names')}>
          {subject.names?.join(', ') ?? <span class="muted">{t('doc.notIncluded')}</span>}
        </DocField>
        {subject.aliases?.length ? (
          <DocField path={`${path}.aliases`} label={t('doc.aliases')}>
            {subject.aliases.join(', ')}
          </DocField>
        ) : null}
        <DocField path={`${path}.dateOfBirth`} label={t('case.dateOfBirth')}>
          {subject.dateOfBirth ?? <span class="muted">—</span>}
        </DocField>
        <DocField path={`${path}.nationality`} label={t('doc.nationality')}>
          {subject.nationality ?? <span class="muted">—</span>}
        </DocField>
        <div class={`doc-field ${documentsMark.cls}`} data-path={documentsPath}>
          <dt>{t('doc.documents')}</dt>
          <dd>
            {documentsMark.rule}
            {subject.documents === undefined ? <span class="muted">{t('doc.notIncluded')}</span> : null}
            {subject.documents?.length === 0 ? <span class="muted">—</span> : null}
            <ul class="plain">
              {(subject.documents ?? []).map((d, j) => (
                <li key={j} data-path={`${documentsPath}[${j}]`}>
                  {code(d.type)} <DocChip path={`${documentsPath}[${j}].number`}>{d.number ?? '—'}</DocChip>
                  {d.issuingCountry ? (
                    <DocChip path={`${documentsPath}[${j}].issuingCountry`}>{d.issuingCountry}</DocChip>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </article>
  );
}

function TransactionCard({ tx, doc }: { tx: DocTransaction; doc: CaseDoc }) {
  const { t } = useI18n();
  const path = `transactions[${tx.index}]`;
  const mark = useMark(path);
  const known = (value: string | undefined) => doc.identifiers?.find((i) => i.value === value);
  const party = (value: string | undefined) => {
    const identifier = known(value);
    return identifier ? <IdentifierLine identifier={identifier} /> : (value ?? '—');
  };
  return (
    <article class={`doc-card ${mark.cls}`} data-path={path}>
      <p class="doc-card-title">
        {tx.amount ?? '—'} {tx.asset} <span class="muted">· {tx.chain}</span> {mark.rule}
      </p>
      <dl class="doc-fields">
        <DocField path={`${path}.time`} label={t('doc.time')}>
          {tx.time ?? '—'}
        </DocField>
        <DocField path={`${path}.from`} label={t('doc.from')} mono>
          {party(tx.from)}
        </DocField>
        <DocField path={`${path}.to`} label={t('doc.to')} mono>
          {party(tx.to)}
        </DocField>
        <DocField path={`${path}.amount`} label={t('doc.amount')}>
          {tx.amount ?? '—'}
        </DocField>
        <DocField path={`${path}.txHash`} label={t('doc.txHash')} mono>
          {tx.txHash ?? '—'}
        </DocField>
      </dl>
    </article>
  );
}

function AttachmentLine({ attachment: a }: { attachment: DocAttachment }) {
  const { t } = useI18n();
  const path = `attachments[${a.index}]`;
  const mark = useMark(path);
  return (
    <div class={`doc-line ${mark.cls}`} data-path={path}>
      <DocChip path={`${path}.name`}>{a.name ?? t('doc.nameWithheld')}</DocChip>{' '}
      <span class="muted small">
        {a.mediaType} · {formatBytes(a.bytes)} · sha256 <code>{a.sha256?.slice(0, 16)}…</code>
      </span>{' '}
      {mark.rule}
    </div>
  );
}

function OtherFieldsSection({ doc, level }: { doc: CaseDoc; level: 3 | 4 }) {
  const { t } = useI18n();
  return (
    <section class="doc-section doc-other">
      <Heading level={level}>{t('doc.otherFields')}</Heading>
      <p class="muted small">{t('doc.otherFieldsNote')}</p>
      <dl class="doc-fields">
        {doc.otherFields.map((field) => (
          <DocField key={field.path} path={field.path} label={field.path} mono>
            {field.value}
          </DocField>
        ))}
      </dl>
    </section>
  );
}

function TermsSection({ doc, level }: { doc: CaseDoc; level: 3 | 4 }) {
  const { t, code } = useI18n();
  const partner = usePartnerLabel();
  const terms = doc.terms!;
  return (
    <section class="doc-section doc-terms">
      <Heading level={level}>{t('doc.terms')}</Heading>
      <dl class="doc-fields">
        {terms.purpose ? (
          <DocField path="terms.purpose" label={t('share.purpose')}>
            {code(terms.purpose)}
          </DocField>
        ) : null}
        {terms.retentionDays !== undefined ? (
          <DocField path="terms.retentionDays" label={t('doc.retention')}>
            {t('doc.days', { days: terms.retentionDays })}
          </DocField>
        ) : null}
        <DocField path="terms.onwardSharing" label={t('doc.onwardSharing')}>
          {terms.onwardSharing?.allowed
            ? t('doc.onwardTo', { nodes: terms.onwardSharing.to.map(partner).join(', ') })
            : t('doc.onwardNo')}
        </DocField>
      </dl>
    </section>
  );
}

function ReplySection({ doc, level }: { doc: CaseDoc; level: 3 | 4 }) {
  const { t, code } = useI18n();
  return (
    <section class="doc-section doc-reply">
      <Heading level={level}>{t('doc.reply')}</Heading>
      <dl class="doc-fields">
        {doc.reference ? (
          <DocField path="reference" label={t('doc.inAnswerTo')} mono>
            {doc.reference}
          </DocField>
        ) : null}
        <DocField path="text" label={t('doc.answer')}>
          <span class="prose">{doc.text}</span>
        </DocField>
        {doc.tlp ? (
          <DocField path="tlp" label="TLP">
            <Badge code={doc.tlp} kind={`tlp-${doc.tlp}`} />
          </DocField>
        ) : null}
        <DocField path="offenceCategories" label={t('case.offenceCategories')}>
          {doc.offenceCategories.map(code).join(', ')}
        </DocField>
        {doc.retentionDays !== undefined ? (
          <DocField path="retentionDays" label={t('doc.retention')}>
            {t('doc.days', { days: doc.retentionDays })}
          </DocField>
        ) : null}
      </dl>
    </section>
  );
}
