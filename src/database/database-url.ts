/** A database URL fit for a log line: the password is removed. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    const socket = parsed.searchParams.get('host');
    const where = socket
      ? `${socket} (Unix socket), database ${parsed.pathname.slice(1)}`
      : `${parsed.host}${parsed.pathname}`;
    return `PostgreSQL at ${where} as ${decodeURIComponent(parsed.username) || '(default user)'}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}
