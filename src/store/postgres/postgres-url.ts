/** A database URL that is not a PostgreSQL connection URL: bad usage, not a runtime failure. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * The URL with its password replaced by `***`, safe for logs and error messages.
 *
 * @example redactDatabaseUrl('postgres://app:hunter2@db:5432/livestat') // 'postgres://app:***@db:5432/livestat'
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    // Passwords may also ride in the query string (?password=...).
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    // Unparsable: blank anything between "://user:" and "@" rather than echo it.
    return url.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(pass\w*=)[^&\s]*/gi, '$1***');
  }
}

/** Replaces the URL's password wherever it appears in `text` (driver messages may quote it). */
export function redactPassword(text: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // No parsable password: nothing more to hide than redactDatabaseUrl already does.
  }
  const redacted = text.split(url).join(redactDatabaseUrl(url));
  return password.length >= 3 ? redacted.split(password).join('***') : redacted;
}

/** Checks that `url` is a postgres:// or postgresql:// URL with a host (DatabaseUrlError otherwise). */
export function checkDatabaseUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseUrlError(`invalid --database-url ${redactDatabaseUrl(url)}: not a URL (expected postgres://user:password@host:port/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw new DatabaseUrlError(`invalid --database-url ${redactDatabaseUrl(url)}: the scheme must be postgres:// or postgresql://`);
  if (!u.hostname && !u.searchParams.has('host')) throw new DatabaseUrlError(`invalid --database-url ${redactDatabaseUrl(url)}: no host`);
}
