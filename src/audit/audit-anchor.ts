import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Checkpoints copied out of the database, one JSON line each, so that removing the newest entries
 * together with their checkpoints (which leaves a shorter, valid chain) shows: the file still names a
 * signed entry the database no longer has. Only committed checkpoints are written (the scheduler reads
 * them back from the database), so a rolled-back transaction never leaves a false alarm.
 */
export interface CheckpointAnchor {
  /** The checkpoint entry's own sequence number and hash. */
  seq: number;
  hash: string;
  signedAt: string;
}

export function defaultAnchorFile(dataDir: string): string {
  return path.join(dataDir, 'audit', 'checkpoints.jsonl');
}

export async function readAnchors(file: string): Promise<CheckpointAnchor[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as CheckpointAnchor;
        return Number.isInteger(parsed.seq) && typeof parsed.hash === 'string' ? [parsed] : [];
      } catch {
        return []; // a torn last line after a crash
      }
    });
}

export async function appendAnchor(file: string, anchor: CheckpointAnchor): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await fs.open(file, 'a', 0o600);
  try {
    await handle.appendFile(JSON.stringify(anchor) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What the newest anchor says about the stored chain, or null when it agrees. */
export function anchorProblem(
  anchor: CheckpointAnchor,
  stored: { hash: string } | undefined,
  headSeq: number,
): string | null {
  if (!stored) {
    return `the node signed checkpoint ${anchor.seq} at ${anchor.signedAt} (anchor file), but the database chain ends at entry ${headSeq}: its newest entries were removed`;
  }
  if (stored.hash !== anchor.hash)
    return `checkpoint ${anchor.seq} in the database is not the one the node signed (anchor file hash ${anchor.hash}): the chain was rewritten`;
  return null;
}
