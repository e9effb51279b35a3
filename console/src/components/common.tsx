import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The view's heading takes focus when the view opens, so screen readers announce where the user is. */
export function ViewHeading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} class="view-heading">
      {children}
    </h1>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <p role="alert" class="error">
      <strong>{t('error.title')}</strong> {message}
      {code ? <span class="code"> ({code})</span> : null}
    </p>
  );
}

export function Status({ text }: { text?: string }) {
  return (
    <p role="status" aria-live="polite" class="status">
      {text ?? ''}
    </p>
  );
}

export function When({ at }: { at: string | null | undefined }) {
  if (!at) return <span class="muted">—</span>;
  const date = new Date(at);
  return <time dateTime={date.toISOString()}>{date.toISOString().replace('T', ' ').slice(0, 19)}</time>;
}

export function Badge({ code, kind }: { code: string; kind?: string }) {
  const { code: label } = useI18n();
  return <span class={`badge badge-${(kind ?? code).toLowerCase()}`}>{label(code)}</span>;
}

export function Loading() {
  const { t } = useI18n();
  return <p class="muted" aria-busy="true">{t('common.loading')}</p>;
}
