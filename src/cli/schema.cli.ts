import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadNodeConfig } from '../config/node-config.loader.js';
import { openNodeDatabase } from '../database/node-database.js';
import { renderSchemaFile } from '../graphql/schema-file.js';
import { loadNodeIdentity } from '../identity/node-identity.loader.js';
import { createLogger } from '../logging/logger.js';
import { createNodeApp } from '../node-runtime.js';

/** Writes schema.graphql from the schema the node actually builds (the whole app, on its database). */
async function main(): Promise<void> {
  const config = loadNodeConfig();
  const database = await openNodeDatabase(config);
  try {
    const logger = createLogger({ level: 'warn', nodeId: config.id });
    const identity = await loadNodeIdentity(config, logger);
    const app = await createNodeApp({ config, databaseUrl: database.url, logger, identity });
    await app.init();
    writeFileSync('schema.graphql', renderSchemaFile(app.get(GraphQLSchemaHost).schema));
    await app.close();
  } finally {
    await database.stop();
  }
  process.stdout.write('wrote schema.graphql\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`schema: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
