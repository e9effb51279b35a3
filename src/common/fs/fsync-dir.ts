import { promises as fs } from 'node:fs';

/** Makes a rename in `dir` durable; some filesystems refuse to open a directory, which is fine. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
