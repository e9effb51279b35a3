import { readFile, stat } from 'node:fs/promises';
import { withTempDir } from './identity.test-helpers.js';
import { pkiPaths } from './dev-federation.js';
import { runPkiCli } from './pki-command.js';

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runPkiCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

describe('pki command line', () => {
  it('names a bad flag and exits 2', async () => {
    const result = await run(['issue', '--nod', 'kr-knpa']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown flag --nod');
    expect(result.stderr).toContain('--node');
  });

  it('reports missing flags, bad values and unknown commands', async () => {
    expect((await run(['init-ca'])).stderr).toContain('--agency is required');
    expect((await run(['issue', '--node', 'kr-knpa', '--valid-days', 'soon'])).stderr).toContain(
      '--valid-days must be a positive number',
    );
    expect((await run(['issue', '--node', 'kr-knpa', '--mode', 'prod'])).stderr).toContain(
      '--mode must be development or production',
    );
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['help'])).code).toBe(0);
  });

  it('init-ca, issue and inspect work against a data dir; failures exit 1 with the reason', async () => {
    await withTempDir(async (dataDir) => {
      const paths = pkiPaths(dataDir);
      const missingCa = await run(['issue', '--node', 'kh-cnp', '--data-dir', dataDir]);
      expect(missingCa.code).toBe(1);
      expect(missingCa.stderr).toContain('init-ca --agency kh-cnp');

      expect((await run(['init-ca', '--agency', 'kh-cnp', '--data-dir', dataDir])).code).toBe(0);
      expect((await stat(paths.caKey('kh-cnp'))).mode & 0o777).toBe(0o600);
      const again = await run(['init-ca', '--agency', 'kh-cnp', '--data-dir', dataDir]);
      expect(again.stdout).toContain('--force replaces it');

      const issued = await run(['issue', '--node', 'kh-cnp', '--data-dir', dataDir]);
      expect(issued.code).toBe(0);
      expect(issued.stdout).toMatch(/fingerprint sha256 [0-9a-f]{64}/);
      expect(await readFile(paths.nodeCaCert('kh-cnp'), 'utf8')).toBe(await readFile(paths.caCert('kh-cnp'), 'utf8'));

      const inspected = await run(['inspect', '--cert', paths.nodeCert('kh-cnp')]);
      expect(JSON.parse(inspected.stdout)).toMatchObject({
        nodeId: 'kh-cnp',
        agencyId: 'kh-cnp',
        issuerCn: 'kh-cnp Federation CA',
      });
    });
  });

  it('dev-federation --nodes sets up only the named nodes and refuses a bad list', async () => {
    expect((await run(['dev-federation', '--nodes', 'kr-knpa,,kh-cnp'])).stderr).toContain('"" is not a node id');
    expect((await run(['dev-federation', '--nodes', 'kr-knpa,kr-knpa'])).stderr).toContain('names a node twice');
    await withTempDir(async (dataDir) => {
      const paths = pkiPaths(dataDir);
      const result = await run(['dev-federation', '--nodes', 'kr-knpa,kh-cnp', '--data-dir', dataDir]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/trust anchors: .*kr-knpa\.crt, .*kh-cnp\.crt$/m);
      await stat(paths.nodeCert('kh-cnp'));
      await expect(stat(paths.nodeCert('asean-hub'))).rejects.toThrow(/ENOENT/);
    });
  });
});
