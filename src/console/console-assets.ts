import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the console (vite, console/vite.config.ts): two levels up from src/console and dist/console. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../console/dist/', import.meta.url));

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Hashed file names (vite's assets/) never change content: cache them for long. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built console, read once into memory at start: a few hundred kilobytes, so every answer is
 * a map lookup and no request path ever reaches the file system (no traversal to guard against).
 * An absent build is not an error for the node: the API works without it and /console says so.
 */
export class ConsoleAssets {
  private constructor(
    private readonly files: ReadonlyMap<string, ConsoleAsset>,
    readonly directory: string,
  ) {}

  static load(directory: string = DEFAULT_CONSOLE_DIR): ConsoleAssets {
    const files = new Map<string, ConsoleAsset>();
    if (existsSync(path.join(directory, 'index.html'))) {
      for (const relative of listFiles(directory)) {
        const contentType = CONTENT_TYPES[path.extname(relative).toLowerCase()];
        if (!contentType) continue; // source maps and anything unexpected stay private
        const body = readFileSync(path.join(directory, relative));
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        files.set(relative.split(path.sep).join('/'), {
          body,
          contentType,
          etag,
          immutable: relative.startsWith(`assets${path.sep}`),
        });
      }
    }
    return new ConsoleAssets(files, directory);
  }

  get built(): boolean {
    return this.files.has('index.html');
  }

  /** `relative` is the request path below /console/ ("" for the page itself). */
  find(relative: string): ConsoleAsset | undefined {
    return this.files.get(relative === '' ? 'index.html' : relative);
  }
}

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(path.join(root, prefix)).flatMap((name) => {
    const relative = path.join(prefix, name);
    return statSync(path.join(root, relative)).isDirectory() ? listFiles(root, relative) : [relative];
  });
}

/**
 * Strict: scripts, styles, fonts and images only from the node itself, API calls (fetch and the
 * graphql-ws socket) only to the node itself, never framed, no plugins, no inline script or style.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
