import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { parseRoles, ROLES_OF_NODE_KIND, rolesOutsideNodeKind } from '../kernel/vocabulary/role.js';
import { ConfigError, loadNodeConfig } from '../config/node-config.loader.js';
import { openDataSource } from '../database/data-source.js';
import { openNodeDatabase } from '../database/node-database.js';
import { standaloneOfficerAccounts, type OfficerAccountService } from '../officers/officer-account.service.js';
import { readSecretFromStdin } from './read-secret.js';

const USAGE = `Usage:
  npm run user -- add --username NAME --role ROLE[,ROLE]   (password read from standard input)
  npm run user -- disable --username NAME
  npm run user -- list
Roles: ANALYST, LIAISON_OFFICER, ADMIN, AUDITOR on an agency; COMPLIANCE_OFFICER, ADMIN, AUDITOR on an exchange.
The node's config is NODE_CONFIG (default config/kr-knpa.yaml).
Works whether or not the node is running.`;

class UsageError extends Error {}

async function withAccounts<T>(work: (accounts: OfficerAccountService) => Promise<T>): Promise<T> {
  const config = loadNodeConfig();
  const database = await openNodeDatabase(config);
  try {
    const dataSource = await openDataSource(database.url);
    try {
      return await work(standaloneOfficerAccounts(dataSource));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.stop();
  }
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { username: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean' } },
  }).valueOf() as { positionals: string[]; values: { username?: string; role?: string; help?: boolean } };
  const [command] = positionals;
  if (values.help || !command) throw new UsageError('');

  switch (command) {
    case 'add': {
      if (!values.username) throw new UsageError('add needs --username');
      if (!values.role) throw new UsageError('add needs --role (one or more roles, comma-separated)');
      const roles = parseRoles(values.role);
      const { kind } = loadNodeConfig();
      const misplaced = rolesOutsideNodeKind(roles, kind);
      if (misplaced.length)
        throw new UsageError(
          `${misplaced.join(', ')} do not exist on an ${kind} node (roles here: ${ROLES_OF_NODE_KIND[kind].join(', ')})`,
        );
      const password = await readSecretFromStdin(`Password for ${values.username}: `);
      const account = await withAccounts((accounts) =>
        accounts.create({ username: values.username!, password, roles }, 'cli'),
      );
      return `created user ${account.username} with roles ${account.roles.join(', ')}`;
    }
    case 'disable': {
      if (!values.username) throw new UsageError('disable needs --username');
      const account = await withAccounts(async (accounts) => {
        const found = await accounts.findByUsername(values.username!);
        if (!found) throw new Error(`no account named "${values.username}"`);
        return accounts.disable(found.username, { id: 'cli', username: 'cli' });
      });
      return `disabled user ${account.username}`;
    }
    case 'list': {
      const accounts = await withAccounts((service) => service.list());
      return (
        accounts.map((a) => `${a.username}\t${a.roles.join(',')}${a.disabledAt ? '\tdisabled' : ''}`).join('\n') ||
        '(no users)'
      );
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).then(
  (output) => {
    process.stdout.write(output + '\n');
    process.exit(0);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message ? `user: ${error.message}\n` : ''}${USAGE}\n`);
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`user: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(error instanceof UsageError && !error.message ? 0 : 1);
  },
);
