import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fsyncDir } from './fsync-dir.js';

/** Owner-only modes for secrets; certificates are public and may be world-readable. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
export const PUBLIC_FILE_MODE = 0o644;

/**
 * Creates `dir` and forces it to 0700, whatever the umask. Missing parents get the default mode: a
 * node's data folder must stay passable for the embedded PostgreSQL's account when run as root.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(path.dirname(dir), { recursive: true });
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await fs.chmod(dir, PRIVATE_DIR_MODE);
}

async function writeTemp(target: string, data: string | Uint8Array, mode: number): Promise<string> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.chmod(temp, mode); // the umask may have narrowed the mode given to open()
  return temp;
}

/**
 * Replaces `target` atomically: write a temp file in the same directory, fsync, rename. A crash
 * leaves either the old or the new content, never half a key.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temp = await writeTemp(target, data, mode);
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(path.dirname(target));
}

/**
 * Creates `target` atomically only if it does not exist yet (temp file + hard link, which fails
 * with EEXIST instead of overwriting). Returns false when another writer got there first, so two
 * processes starting at once cannot both "win" and hold different keys.
 */
export async function createFileExclusive(target: string, data: string | Uint8Array, mode: number): Promise<boolean> {
  const temp = await writeTemp(target, data, mode);
  try {
    await fs.link(temp, target);
    await fsyncDir(path.dirname(target));
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].some((code) => isErrno(error, code))) throw error;
    return createWithoutLink(target, data, mode); // filesystems without hard links
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Exclusive but not crash-atomic fallback: O_EXCL create, write, fsync. */
async function createWithoutLink(target: string, data: string | Uint8Array, mode: number): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, 'wx', mode);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.chmod(target, mode);
  return true;
}

export async function readFileIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** True when group or others have any access to the file. */
export async function isGroupOrWorldAccessible(file: string): Promise<boolean> {
  const stat = await fs.stat(file);
  return (stat.mode & 0o077) !== 0;
}

/** Checks `code` rather than `instanceof Error`: errors from node:fs may come from another realm (jest VMs). */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
