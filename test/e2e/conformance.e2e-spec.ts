import { Role } from '../../src/kernel/vocabulary/role.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { runCli } from '../support/node-process.js';

const ADD = `mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }`;

/**
 * The conformance kit (#16 item 8) against a real node process: kh-cnp certifies as a partner would,
 * with the kit playing kr-knpa (its real keys and certificate). Every check must pass; and the kit must
 * notice when a check cannot pass (here: a TLP kh-cnp does not accept from kr-knpa).
 */
describe('conformance kit: npm run conformance against a real node', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  const kit = (...extra: string[]) =>
    runCli(
      'dist/cli/conformance.cli.js',
      [
        '--partner-url',
        `https://127.0.0.1:${federation.slot('kh-cnp').federationPort}`,
        '--partner',
        'kh-cnp',
        '--as',
        'kr-knpa',
        '--pki-dir',
        federation.root,
        '--mode',
        'development',
        ...extra,
      ],
      {},
    );

  beforeAll(async () => {
    await federation.prepare();
    await federation.start('kh-cnp');
    const token = await federation.token('kh-cnp', 'conformance-analyst', [Role.ANALYST]);
    for (const value of ['@conformance_one', '@conformance_two', '@conformance_three']) {
      const added = await federation.graphql(
        'kh-cnp',
        ADD,
        {
          input: {
            identifierType: 'TELEGRAM',
            value,
            reason: 'scam recruiter',
            offenceCategory: 'ONLINE_SCAM',
            severity: 'HIGH',
            validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          },
        },
        token,
      );
      if (added.errors) throw new Error(JSON.stringify(added.errors));
    }
  }, 180_000);
  afterAll(() => federation.stopAll());

  it('every check passes, each naming its clause of PROTOCOL.md', async () => {
    const result = await kit();
    // The table only: its closing count line is the kit's, not this test run's.
    process.stdout.write(
      `[conformance]\n${result.stdout
        .split('\n')
        .filter((l) => /^(PASS|FAIL) /.test(l))
        .join('\n')}\n`,
    );
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(13);
    expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([]);
    expect(lines.every((line) => /§\d+/.test(line))).toBe(true);
    expect(result.stdout).toMatch(new RegExp(`\\n${lines.length} passed, 0 failed\\n`));
    expect(result.code).toBe(0);
  }, 120_000);

  it('fails, naming the check and why, when the partner does not behave as the clause says', async () => {
    // kh-cnp accepts at most AMBER from kr-knpa: a RED case is refused, so "accepted with a receipt" fails.
    const result = await kit('--only', 'packets', '--tlp', 'RED');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /FAIL {2}§8, §12\.3 +a valid case packet is accepted[^\n]*\n +expected HTTP 200, got 422/,
    );
  }, 120_000);

  it('refuses bad arguments with the usage and exit code 2', async () => {
    const result = await runCli('dist/cli/conformance.cli.js', ['--partner', 'kh-cnp'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing --partner-url, --as/);
  });
});
