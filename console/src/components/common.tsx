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

/** An error in the reader's language where the node gave a code for it, with the API code for support. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, errorText } = useI18n();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <p role="alert" class="error">
      <strong>{t('error.title')}</strong> {errorText(error)}
      {code && code !== 'NETWORK' ? <span class="code"> ({code})</span> : null}
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

/** A time as UTC, the same for officers in Seoul and Phnom Penh. */
export function When({ at }: { at: string | null | undefined }) {
  if (!at) return <span class="muted">—</span>;
  const date = new Date(at);
  return (
    <time dateTime={date.toISOString()} class="when">
      {date.toISOString().replace('T', ' ').slice(0, 16)}
    </time>
  );
}

export function Badge({ code, kind }: { code: string; kind?: string }) {
  const { code: label } = useI18n();
  return <span class={`badge badge-${(kind ?? code).toLowerCase()}`}>{label(code)}</span>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}

/** A long id or hash, shortened for reading; the whole value is its title and stays selectable. */
export function ShortId({ value, length = 8 }: { value: string | null | undefined; length?: number }) {
  if (!value) return <span class="muted">—</span>;
  return (
    <code class="short-id" title={value}>
      {value.length > length + 1 ? `${value.slice(0, length)}…` : value}
    </code>
  );
}

/** Tabs between the parts of a view, as links (each part has its own URL). */
export function SubNav({
  items,
  current,
  label,
}: {
  items: { href: string; label: string; id: string }[];
  current: string;
  label: string;
}) {
  return (
    <nav class="subnav" aria-label={label}>
      {items.map((item) => (
        <a key={item.id} href={item.href} aria-current={item.id === current ? 'page' : undefined}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}
