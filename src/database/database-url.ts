/** A database URL fit for a log line: the password is removed. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `PostgreSQL at ${parsed.host}${parsed.pathname} as ${decodeURIComponent(parsed.username) || '(default user)'}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}
