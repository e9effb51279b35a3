import { useEffect, useState } from 'preact/hooks';
import { type IdentifierCheck, validityQuery } from '../api/operations';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { type DocIdentifier, isMasked } from './case-document';
import { useMark } from './document-marks';

/** The node's verdict on each identifier value, keyed by validityKey(type, value). */
export type ValidityMap = ReadonlyMap<string, IdentifierCheck>;

export const validityKey = (type: string, value: string): string => `${type}\u0000${value}`;

/** Checks every (unmasked) identifier of a document with the node, in one request. */
export function useValidity(identifiers: readonly DocIdentifier[] | undefined): ValidityMap | undefined {
  const { api } = useSession();
  const [map, setMap] = useState<ValidityMap>();
  const wanted = (identifiers ?? []).filter(
    (i): i is DocIdentifier & { value: string } => i.value !== undefined && !isMasked(i.value),
  );
  const key = wanted.map((i) => validityKey(i.type, i.value)).join('\n');
  useEffect(() => {
    if (wanted.length === 0) return;
    let live = true;
    const variables = Object.fromEntries(
      wanted.flatMap((i, n) => [
        [`t${n}`, i.type],
        [`v${n}`, i.value],
      ]),
    );
    api.request<Record<string, IdentifierCheck>>(validityQuery(wanted.length), variables).then(
      (answer) => {
        if (!live) return;
        setMap(new Map(wanted.map((i, n) => [validityKey(i.type, i.value), answer[`i${n}`]])));
      },
      () => undefined, // validity is a courtesy; the document reads without it
    );
    return () => {
      live = false;
    };
  }, [api, key]);
  return map;
}

/** "Bitcoin wallet  bc1q…": an identifier with its type in the reader's language. */
export function IdentifierLine({ identifier }: { identifier: Pick<DocIdentifier, 'type' | 'value'> }) {
  const { code } = useI18n();
  return (
    <span class="identifier">
      <span class="identifier-type">{code(identifier.type)}</span> <code class="wrap">{identifier.value ?? '—'}</code>
    </span>
  );
}

export function IdentifierList({
  identifiers,
  validity,
}: {
  identifiers: readonly DocIdentifier[];
  validity?: ValidityMap;
}) {
  return (
    <ul class="plain identifier-list">
      {identifiers.map((identifier) => (
        <IdentifierItem key={identifier.index} identifier={identifier} validity={validity} />
      ))}
    </ul>
  );
}

function IdentifierItem({ identifier, validity }: { identifier: DocIdentifier; validity?: ValidityMap }) {
  const { t, identifierReason } = useI18n();
  const path = `identifiers[${identifier.index}]`;
  const mark = useMark(path);
  const valueMark = useMark(`${path}.value`);
  const check = identifier.value ? validity?.get(validityKey(identifier.type, identifier.value)) : undefined;
  return (
    <li class={`doc-line ${mark.cls}`} data-path={path}>
      <IdentifierTypeName type={identifier.type} />{' '}
      <span class={`chip ${valueMark.cls}`} data-path={`${path}.value`}>
        <code class="doc-value wrap">{identifier.value ?? t('doc.valueWithheld')}</code>
        {valueMark.rule}
      </span>{' '}
      {isMasked(identifier.value) ? (
        <span class="validity muted small">{t('doc.masked')}</span>
      ) : check ? (
        check.valid ? (
          <span class="validity ok small">✓ {t('doc.valid')}</span>
        ) : (
          <span class="validity bad small">✗ {identifierReason(check)}</span>
        )
      ) : null}
      {mark.rule}
    </li>
  );
}

function IdentifierTypeName({ type }: { type: string }) {
  const { code } = useI18n();
  return <span class="identifier-type">{code(type)}</span>;
}
