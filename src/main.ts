import 'reflect-metadata';
import { ConfigError, loadNodeConfig } from './config/node-config.loader.js';
import { createLogger } from './logging/logger.js';
import { startNode } from './node-runtime.js';

async function main(): Promise<void> {
  const startedAt = Date.now();
  let config;
  try {
    config = loadNodeConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe node did not start.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level, nodeId: config.id });
  const node = await startNode(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'the node could not start');
    process.exit(1);
  });
  logger.info(
    { event: 'node.started', graphql: `${node.url}/graphql`, database: node.database.description, config: config.source, startupMs: Date.now() - startedAt },
    `node ${config.id} listening on ${node.url}/graphql using ${node.database.description}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'node.stopping', signal }, `received ${signal}, stopping`);
    node
      .stop()
      .then(() => {
        logger.info({ event: 'node.stopped' }, 'stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
