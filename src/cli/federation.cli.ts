import 'reflect-metadata';
import { EXAMPLE_NODE_IDS } from '../kernel/pki/node-id.js';
import { taxiiBaseUrl } from '../stix/stix-node.js';
import { DEMO_PASSWORD, DEMO_USERS, EXCHANGE_DEMO_USERS } from './demo-accounts.js';
import { ExampleFederation, exampleConfig } from './example-federation.js';

/**
 * `npm run federation`: the seven example nodes (five agencies, two exchanges) on this machine, each with its own embedded PostgreSQL,
 * the dev PKI created on first run, demo accounts on every node. Logs go to data/logs/<node>.log.
 * The nodes live exactly as long as this process: Ctrl-C, SIGTERM, a crash, even SIGKILL stop them all.
 */
const write = (text: string) => process.stdout.write(text);

function printSummary(): void {
  write('\nThe example federation is running:\n');
  for (const id of EXAMPLE_NODE_IDS) {
    const config = exampleConfig(id);
    const screening = config.screening ? `   screening http://${config.screening.host}:${config.screening.port}` : '';
    const taxii = taxiiBaseUrl(config) ? `   TAXII ${taxiiBaseUrl(config)}/taxii2/` : '';
    write(
      `  ${id.padEnd(24)} console http://${config.listen.host}:${config.listen.port}/console/   peers https://${config.federation.host}:${config.federation.port}${screening}${taxii}\n`,
    );
  }
  write(`\nDemo logins on every agency (password "${DEMO_PASSWORD}"):\n`);
  for (const user of DEMO_USERS) write(`  ${user.username.padEnd(11)} ${user.roles.join(', ')}\n`);
  write('and on the exchanges:\n');
  for (const user of EXCHANGE_DEMO_USERS) write(`  ${user.username.padEnd(11)} ${user.roles.join(', ')}\n`);
  write('\nRun the scripted scenario in another terminal with: npm run demo     Stop with Ctrl-C.\n');
}

async function main(): Promise<void> {
  const federation = new ExampleFederation(write);
  let stopping: Promise<void> | undefined;
  const stop = (code: number) => {
    stopping ??= federation.stop().then(() => {
      write(code === 0 ? 'the federation stopped\n' : '');
      process.exit(code);
    });
  };
  const onSignal = () => {
    write('\nstopping the federation…\n');
    stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  void federation.unexpectedExit.then(() => {
    write('a node stopped on its own: stopping the others\n');
    stop(1);
  });
  try {
    await federation.start();
  } catch (error) {
    process.stderr.write(`federation: ${error instanceof Error ? error.message : String(error)}\n`);
    stop(1);
    return;
  }
  if (!stopping) printSummary();
}

void main();
