import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CONSOLE_CONTENT_SECURITY_POLICY, ConsoleAssets } from './console-assets.js';

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-assets-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('ConsoleAssets', () => {
  it('serves the page for the folder itself and the hashed assets by their path', () => {
    const assets = ConsoleAssets.load(
      build({ 'index.html': '<!doctype html>', 'assets/index-abc.js': 'x', 'assets/index-abc.css': 'y' }),
    );
    expect(assets.built).toBe(true);
    expect(assets.find('')).toMatchObject({ contentType: 'text/html; charset=utf-8', immutable: false });
    expect(assets.find('assets/index-abc.js')).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      immutable: true,
    });
    expect(assets.find('assets/index-abc.js')?.body.toString()).toBe('x');
  });

  it('keeps source maps and unknown file types private, and knows nothing outside the build', () => {
    const assets = ConsoleAssets.load(build({ 'index.html': 'i', 'assets/index-abc.js.map': '{}', 'notes.md': 'n' }));
    expect(assets.find('assets/index-abc.js.map')).toBeUndefined();
    expect(assets.find('notes.md')).toBeUndefined();
    expect(assets.find('../package.json')).toBeUndefined();
  });

  it('is empty, not failing, when the console was not built', () => {
    const assets = ConsoleAssets.load(path.join(tmpdir(), 'no-such-console-build'));
    expect(assets.built).toBe(false);
    expect(assets.find('')).toBeUndefined();
  });

  it('gives a different ETag to different content', () => {
    const one = ConsoleAssets.load(build({ 'index.html': 'one' })).find('')!;
    const two = ConsoleAssets.load(build({ 'index.html': 'two' })).find('')!;
    expect(one.etag).not.toBe(two.etag);
  });

  it('allows nothing inline and nothing from elsewhere', () => {
    expect(CONSOLE_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(CONSOLE_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
