import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';
import type { DocRequest, DocTerms } from './case-document';
import { DocField, useMark } from './document-marks';
import { IdentifierLine } from './identifier-list';

/**
 * A freeze request or request for information: what it asks, of which identifier (resolved from the
 * id the payload carries), and on what basis. `children` holds what the reader can do about it (a
 * reply form, its thread), so the exchange workflows can reuse the card as it is.
 */
export function RequestCard({
  request,
  terms,
  handlingCodes = [],
  target,
  deadline,
  children,
}: {
  request: DocRequest;
  terms?: DocTerms;
  handlingCodes?: string[];
  /** The targets, when the request names them itself instead of by an identifier's id (an exchange's freeze request). */
  target?: ComponentChildren;
  /** The deadline as the caller shows it (a clock), instead of the document's own text. */
  deadline?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { t, code } = useI18n();
  const path = `requests[${request.index}]`;
  const mark = useMark(path);
  return (
    <article class={`doc-card request-card ${mark.cls}`} data-path={path} data-testid="request-card">
      <p class="doc-card-title">
        <span class={`badge badge-${request.kind.toLowerCase()}`}>{code(request.kind)}</span> {mark.rule}
      </p>
      <dl class="doc-fields">
        <DocField path={`${path}.targetIdentifierId`} label={t('request.target')}>
          {target ? (
            target
          ) : request.target ? (
            <IdentifierLine identifier={request.target} />
          ) : request.targetMissing ? (
            <span class="bad">{t('request.targetMissing', { id: request.targetIdentifierId ?? '' })}</span>
          ) : (
            <span class="muted">{t('request.noTarget')}</span>
          )}
        </DocField>
        <DocField path={`${path}.text`} label={t('request.text')}>
          <span class="prose">{request.text ?? t('doc.notIncluded')}</span>
        </DocField>
        <div class="doc-field" data-path={`${path}.basis`}>
          <dt>{t('request.basis')}</dt>
          <dd data-testid="request-basis">
            {request.legalBasis ? <span class="prose">{request.legalBasis}</span> : null}
            {terms?.purpose ? (
              <span class="basis-line">{t('request.sharedFor', { purpose: code(terms.purpose) })}</span>
            ) : null}
            {handlingCodes.length ? (
              <span class="basis-line">
                {t('request.handling', { codes: handlingCodes.map((c) => code(c)).join(', ') })}
              </span>
            ) : null}
            {!request.legalBasis && !terms?.purpose && !handlingCodes.length ? <span class="muted">—</span> : null}
          </dd>
        </div>
        {deadline || request.deadline ? (
          <DocField path={`${path}.deadline`} label={t('request.deadline')}>
            {deadline ?? request.deadline}
          </DocField>
        ) : null}
      </dl>
      {children}
    </article>
  );
}
