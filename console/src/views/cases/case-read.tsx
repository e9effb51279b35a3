import { useMemo } from 'preact/hooks';
import { CASE, SHARE_REQUESTS } from '../../api/operations';
import type { Case, ShareRequest } from '../../api/types';
import { ErrorMessage, Loading, ViewHeading, When } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { toCaseDoc } from '../../document/case-document';
import { CaseDocumentView } from '../../document/case-document-view';
import { useValidity } from '../../document/identifier-list';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { CaseThread } from '../thread/case-thread';
import { CaseAttachments } from './case-attachments';
import { CaseSharing } from './case-sharing';
import { CaseExchangeRequests } from './case-exchange-requests';

/** The read view of a case: the document, its thread of shares, replies and deliveries, then what an analyst can do. */
export function CaseRead({ id }: { id: string }) {
  const { t } = useI18n();
  const session = useSession();
  const { data, error, reload } = useQuery<{ case: Case }>(CASE, { id });
  const shares = useQuery<{ shareRequests: ShareRequest[] }>(SHARE_REQUESTS, {});
  const doc = useMemo(() => (data ? toCaseDoc(data.case) : undefined), [data]);
  const validity = useValidity(doc?.identifiers);
  if (error) return <ErrorMessage error={error} />;
  if (!data || !doc) return <Loading />;
  const current = data.case;
  const mine = (shares.data?.shareRequests ?? []).filter((s) => s.caseId === current.id);
  return (
    <section class="case-read">
      <div class="view-top">
        <ViewHeading>
          {current.reference} — {current.title}
        </ViewHeading>
        {session.has('ANALYST') ? (
          <a class="button" href={`#/cases/${current.id}/edit`}>
            {t('case.edit')}
          </a>
        ) : null}
      </div>
      <p class="muted">
        {t('case.revisionN', { revision: current.revision })} · {t('case.createdBy', { user: current.createdBy })} ·{' '}
        {t('common.updated')} <When at={current.updatedAt} />
      </p>
      <div class="card">
        <CaseDocumentView doc={doc} validity={validity} label={t('case.document')} />
      </div>
      <CaseThread caseId={current.id} shares={mine} onReload={shares.reload} sharesError={shares.error} />
      {session.has('ANALYST') ? (
        <>
          <CaseAttachments value={current} onUploaded={reload} />
          <CaseSharing value={current} onRequested={shares.reload} />
        </>
      ) : null}
      <CaseExchangeRequests value={current} />
    </section>
  );
}
