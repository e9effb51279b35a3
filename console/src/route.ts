import { useEffect, useState } from 'preact/hooks';

/** A hash route: #/audit/…?type=SHARE_APPROVED keeps the view and its filters across reloads and links. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

export function routeHref(parts: string[], query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

/** Hash routes (#/cases/…): the node serves one page, and a reload keeps the view. */
export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return parseRoute(hash);
}

export function go(...parts: string[]): void {
  location.hash = routeHref(parts);
}

/** Navigates with query parameters (filters); empty values are left out of the URL. */
export function goWith(parts: string[], query: Record<string, string | undefined>): void {
  location.hash = routeHref(parts, query);
}
