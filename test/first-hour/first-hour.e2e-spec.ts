import { readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { codeBlocks, readmeOperations, shellCommands, withoutComment, type CodeBlock } from './support/readme.js';
import { ReadmeGraphql, VALIDATED_ONLY } from './support/readme-graphql.js';
import { BackgroundCommand, Sandbox } from './support/sandbox.js';

/**
 * Issue #19: README.md walked as a new user would, from a fresh clone. Its own code blocks are run in
 * order: shell blocks in a terminal (long-running commands in terminals of their own), GraphQL blocks
 * sent as their comments say. The test fails when the README and the product disagree.
 * Stand-ins: node_modules is linked rather than installed by `npm ci` (same lock file), and everything
 * runs in a private network namespace (root only) because the example federation's ports are fixed.
 */
const REPO = path.resolve('.');
const ALICE_PASSWORD = 'alice-typed-this-at-the-prompt';
const STEP_MS = 20 * 60_000; // a loaded CI machine; on an idle one the whole walk takes minutes
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

/** README sections whose shell blocks the walk does not run, and why. */
const NOT_WALKED: Record<string, string> = {
  Exchanges: "needs an exchange's screening key; test/federation/exchanges.e2e-spec.ts drives the endpoint",
};

/** Lines a clean run never prints: error or fatal log entries, npm errors, stack traces. */
function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l) || /^npm (error|ERR!)/.test(l) || /^\s+at \S+/.test(l));
}

function passwordsIn(blocks: CodeBlock[]): Map<string, string> {
  const passwords = new Map<string, string>([['alice', ALICE_PASSWORD]]);
  for (const block of blocks) {
    for (const m of block.code.matchAll(/echo '([^']+)' \|[^\n]*--username (\w+)/g)) passwords.set(m[2], m[1]);
    for (const m of block.code.matchAll(/createUser\(username: "(\w+)", password: "([^"]+)"/g))
      passwords.set(m[1], m[2]);
  }
  return passwords;
}

asRoot('the first hour: README.md walked as a new user would, from a fresh clone (#19)', () => {
  const sandbox = new Sandbox();
  const started = Date.now();
  const times: Record<string, number> = {};
  const terminals = new Map<string, BackgroundCommand>();
  let federation: BackgroundCommand | undefined;
  let blocks: CodeBlock[] = [];
  let cursor = 0;
  let graphql: ReadmeGraphql;
  const skipped: string[] = [];

  beforeAll(async () => {
    sandbox.clone(REPO);
    await sandbox.startNetwork();
    const readme = readFileSync(path.join(sandbox.checkout, 'README.md'), 'utf8');
    blocks = codeBlocks(readme);
    const nodes: Record<string, string> = {};
    for (const file of readdirSync(path.join(sandbox.checkout, 'config')).filter((f) => f.endsWith('.yaml'))) {
      const config = parseYaml(readFileSync(path.join(sandbox.checkout, 'config', file), 'utf8')) as {
        id: string;
        listen: { port: number };
      };
      nodes[config.id] = `http://127.0.0.1:${config.listen.port}`;
    }
    const schema = readFileSync(path.join(sandbox.checkout, 'schema.graphql'), 'utf8');
    graphql = new ReadmeGraphql(sandbox, schema, passwordsIn(blocks), nodes);
  }, 120_000);

  afterAll(() => {
    const seconds = (key: string) => (times[key] === undefined ? 'n/a' : `${(times[key] / 1000).toFixed(0)} s`);
    const summary =
      `[first-hour] clone to first answer ${seconds('firstAnswer')}, first account ${seconds('firstAccount')}, ` +
      `first delivered share ${seconds('firstDelivered')}, npm run user (build current) ${seconds('userCommand')}; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; not run: ${skipped.join('; ')}`;
    process.stdout.write(`${summary}\n`);
    sandbox.dispose();
  });

  async function startNode(command: string, nodeId: string): Promise<void> {
    const terminal = sandbox.background(command);
    terminals.set(nodeId, terminal);
    const line = await terminal.waitFor(/\{[^\n]*"event":"node\.started"[^\n]*\}/, STEP_MS);
    const entry = JSON.parse(line) as { msg: string; accounts: number; console: string };
    const port = nodeId === 'kr-knpa' ? 4000 : Number(/:(\d+)\/console/.exec(entry.console)?.[1]);
    expect(entry.msg).toContain(`console http://127.0.0.1:${port}/console/`);
    if (entry.accounts === 0) {
      const prefix = command.startsWith('NODE_CONFIG=') ? `${command.split(' ')[0]} ` : '';
      expect(entry.msg).toContain(
        `create the first administrator with: ${prefix}npm run user -- add --username admin --role ADMIN`,
      );
    }
    if (times.firstAnswer === undefined) {
      const answer = await sandbox.fetch('http://127.0.0.1:4000/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ nodeInfo { id } }' }),
      });
      expect(JSON.parse(answer.body)).toEqual({ data: { nodeInfo: { id: 'kr-knpa' } } });
      times.firstAnswer = Date.now() - started;
      const root = await sandbox.fetch('http://127.0.0.1:4000/');
      expect({ status: root.status, location: root.location }).toEqual({ status: 302, location: '/console/' });
      expect((await sandbox.fetch('http://127.0.0.1:4000/console/')).status).toBe(200);
    }
  }

  /** Ctrl-C in each node's terminal: each stops cleanly, and nothing of it keeps running. */
  async function stopNodesWithCtrlC(): Promise<void> {
    for (const [nodeId, terminal] of terminals) {
      terminal.interrupt();
      await terminal.exited;
      expect({ nodeId, errors: errorLines(terminal.output) }).toEqual({ nodeId, errors: [] });
      expect(terminal.output).toMatch(/"event":"node\.stopped"/);
    }
    terminals.clear();
    expect(await sandbox.waitUntilNothingRuns(60_000)).toEqual([]);
  }

  async function runShell(block: CodeBlock): Promise<void> {
    if (NOT_WALKED[block.heading]) {
      skipped.push(`shell block of "${block.heading}" (README line ${block.line}): ${NOT_WALKED[block.heading]}`);
      return;
    }
    let script: string[] = [];
    let stdin = '';
    const flush = async () => {
      if (!script.length) return;
      const at = Date.now();
      const result = await sandbox.run(script.join('\n'), stdin);
      if (result.code !== 0) throw new Error(`README line ${block.line} failed (${result.code}):\n${result.output}`);
      expect(result.output).not.toMatch(/building the (node|console)/); // the build was current
      if (/--username alice/.test(script.join('\n'))) times.firstAccount ??= Date.now() - started;
      if (/npm run user/.test(script[0]) && script.length === 1) times.userCommand = Date.now() - at;
      script = [];
      stdin = '';
    };
    for (const { text } of shellCommands(block)) {
      const command = withoutComment(text);
      const node = /^(?:npm ci && )?(?:NODE_CONFIG=config\/([\w-]+)\.yaml )?npm start$/.exec(command);
      if (/^npm test\b|^npm run bench:|^docker /.test(command)) {
        skipped.push(`${command.split(/\s+/).slice(0, 3).join(' ')} (README line ${block.line})`);
      } else if (node) {
        await flush();
        await startNode(command.replace(/^npm ci && /, ''), node[1] ?? 'kr-knpa');
      } else if (command === 'npm run federation') {
        await flush();
        await stopNodesWithCtrlC(); // the README: stop the nodes started above first
        federation = sandbox.background(command);
        await federation.waitFor(/The example federation is running/, STEP_MS);
      } else if (command === 'npm run demo') {
        await flush();
        const demo = await sandbox.run(command, '', STEP_MS);
        expect({ code: demo.code, done: demo.output.includes('\nDone.') }).toEqual({ code: 0, done: true });
        expect(demo.output).not.toContain('starting one for the demo');
      } else {
        script.push(command);
        if (/npm run user -- add --username alice/.test(command)) stdin = `${ALICE_PASSWORD}\n`;
      }
    }
    await flush();
  }

  async function runGraphql(block: CodeBlock): Promise<void> {
    for (const operation of readmeOperations(block)) {
      expect({ line: operation.line, problems: graphql.problems(operation) }).toEqual({
        line: operation.line,
        problems: [],
      });
      const why = VALIDATED_ONLY[operation.name] ?? (operation.as ? undefined : 'no "# as" comment: reference only');
      if (why) {
        skipped.push(`${operation.name}: ${why}`);
        continue;
      }
      const data = await graphql.execute(operation);
      if (operation.until === 'DELIVERED') times.firstDelivered ??= Date.now() - started;
      expect(data).toBeDefined();
    }
  }

  /** Walks the README's blocks in order, through the last one under `heading`. */
  async function walkThrough(heading: string | null): Promise<void> {
    const last = heading === null ? blocks.length - 1 : blocks.map((b) => b.heading).lastIndexOf(heading);
    if (last < 0) throw new Error(`README.md has no code block under "${heading}"`);
    while (cursor <= last) {
      const block = blocks[cursor++]; // a failed block is not walked again by the next step
      if (block.language === 'sh') await runShell(block);
      else if (block.language === 'graphql') await runGraphql(block);
    }
  }

  it(
    'npm ci && npm start: a fresh clone answers; the start-up line names the console and the first command',
    async () => {
      await walkThrough('Run it and test it');
      expect(times.firstAnswer).toBeDefined();
    },
    STEP_MS,
  );

  it(
    "creates the first administrator and the officers with the README's commands, and logs in with curl",
    async () => {
      await walkThrough('The first administrator');
      expect(times.firstAccount).toBeDefined();
    },
    STEP_MS,
  );

  it(
    "runs the README's approval flow; the approved share queues and is delivered once kh-cnp starts",
    async () => {
      await walkThrough('Federation: delivery, receipts and the watchlist');
      expect(times.firstDelivered).toBeDefined();
    },
    STEP_MS,
  );

  it(
    'runs the screening, alert, hit/no-hit, STIX, MISP and TAXII examples as written',
    async () => {
      await walkThrough('OpenCTI, MISP and TAXII 2.1 clients: STIX, TAXII and MISP without connectors');
    },
    STEP_MS,
  );

  it(
    'npm run federation and npm run demo, the audit examples; SIGKILL of the federation leaves nothing running',
    async () => {
      await walkThrough(null);
      expect(federation).toBeDefined();
      // The launcher itself (not npm, nor the shell npm runs it in).
      const launcher = sandbox.processes().find((p) => /^\S*node dist\/cli\/federation\.cli\.js$/.test(p.command));
      expect(launcher).toBeDefined();
      process.kill(launcher!.pid, 'SIGKILL');
      expect(await sandbox.waitUntilNothingRuns(180_000)).toEqual([]);
      for (const file of readdirSync(path.join(sandbox.checkout, 'data', 'logs'))) {
        const log = readFileSync(path.join(sandbox.checkout, 'data', 'logs', file), 'utf8');
        expect({ file, errors: errorLines(log), stopped: log.trimEnd().endsWith('"msg":"stopped cleanly"}') }).toEqual({
          file,
          errors: [],
          stopped: true,
        });
      }
    },
    STEP_MS,
  );

  it(
    'npm run demo alone starts the federation, and stops what it started',
    async () => {
      const demo = await sandbox.run('npm run demo', '', STEP_MS);
      expect({ code: demo.code, done: demo.output.includes('\nDone.') }).toEqual({ code: 0, done: true });
      expect(demo.output).toContain('starting one for the demo');
      expect(await sandbox.waitUntilNothingRuns(60_000)).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'commands build only when the sources changed',
    async () => {
      const current = await sandbox.run('npm run -s pki -- --help');
      expect(current.output).not.toMatch(/building the/);
      appendFileSync(path.join(sandbox.checkout, 'src', 'startup-report.ts'), '// changed by the first-hour test\n');
      const changed = await sandbox.run('npm run -s pki -- --help');
      expect({ code: changed.code, built: /building the node/.test(changed.output) }).toEqual({ code: 0, built: true });
    },
    STEP_MS,
  );
});
