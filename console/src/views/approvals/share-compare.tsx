import { useMemo } from 'preact/hooks';
import { CASE, INBOUND } from '../../api/operations';
import type { Case, ReceivedPacket, ShareRequest } from '../../api/types';
import { ErrorMessage, Loading } from '../../components/common';
import { usePartnerLabel } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { alignToOriginal, toCaseDoc } from '../../document/case-document';
import { CaseDocumentView } from '../../document/case-document-view';
import { useI18n } from '../../i18n/i18n';

/** "subjects[0].documents" → "Subject › identity documents (1)": a removed part of the case in the reader's words. */
export function usePathLabel(): (path: string) => string {
  const { field } = useI18n();
  return (path: string) => {
    const generic = path.replace(/\[\d+\]/g, '[]');
    const positions = [...path.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
    const label = field(generic) !== generic ? field(generic) : field(generic.replace(/\[\]$/, ''));
    return positions.length ? `${label} (${positions.join('.')})` : label;
  };
}

/** Every field the policy withholds or changes, with the rule, in the reader's language. */
export function RemovedTable({ share }: { share: ShareRequest }) {
  const { t, ruleText } = useI18n();
  const label = usePathLabel();
  return (
    <>
      <h3 id="removed-title">{t('approvals.removed', { count: share.removed.length })}</h3>
      {share.removed.length ? (
        <table aria-labelledby="removed-title" data-testid="removed-fields" class="list">
          <thead>
            <tr>
              <th scope="col">{t('approvals.field')}</th>
              <th scope="col">{t('approvals.rule')}</th>
            </tr>
          </thead>
          <tbody>
            {share.removed.map((r) => (
              <tr key={r.path} data-path={r.path}>
                <td>{label(r.path)}</td>
                <td>{ruleText(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('approvals.nothingRemoved')}</p>
      )}
    </>
  );
}

/**
 * Side by side: the original (what stays here, each withheld or changed part marked with its rule)
 * and exactly what the partner receives. For a reply: the partner's packet it answers, and the reply.
 */
export function ShareCompare({ share }: { share: ShareRequest }) {
  const { t } = useI18n();
  const partner = usePartnerLabel();
  const reply = share.kind === 'REPLY';
  const original = useQuery<{ case: Case }>(CASE, { id: share.caseId }, share.caseId !== null);
  const inbound = useQuery<{ inboundPackets: ReceivedPacket[] }>(INBOUND, {}, reply);
  const answered = inbound.data?.inboundPackets.find((p) => p.packetId === share.inReplyTo);
  const originalDoc = useMemo(
    () => (original.data ? toCaseDoc(original.data.case) : answered ? toCaseDoc(answered.content) : undefined),
    [original.data, answered],
  );
  const previewDoc = useMemo(() => {
    const preview = toCaseDoc(share.preview);
    return originalDoc && !reply ? alignToOriginal(preview, originalDoc) : preview;
  }, [share.preview, originalDoc, reply]);
  const leftTitle = reply ? t('approvals.answered') : t('approvals.original');
  const rightTitle = reply
    ? t('approvals.replyPreview', { partner: partner(share.partnerId) })
    : t('approvals.preview', { partner: partner(share.partnerId) });
  return (
    <div class="compare">
      <section aria-labelledby="original-title" class="side-original">
        <h3 id="original-title">{leftTitle}</h3>
        <ErrorMessage error={original.error ?? inbound.error} />
        {originalDoc ? (
          <CaseDocumentView
            doc={originalDoc}
            marks={{ side: reply ? 'plain' : 'original', removed: share.removed }}
            label={leftTitle}
            headingLevel={4}
          />
        ) : reply && inbound.data ? (
          <p class="muted">{t('approvals.answeredGone')}</p>
        ) : (
          <Loading />
        )}
      </section>
      <section aria-labelledby="preview-title" class="side-preview">
        <h3 id="preview-title">{rightTitle}</h3>
        <CaseDocumentView
          doc={previewDoc}
          marks={{ side: reply ? 'plain' : 'preview', removed: share.removed }}
          label={rightTitle}
          headingLevel={4}
        />
      </section>
    </div>
  );
}
