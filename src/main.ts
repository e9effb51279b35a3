import 'reflect-metadata';
import { ConfigError, loadNodeConfig } from './config/node-config.loader.js';
import { createLogger } from './logging/logger.js';
import { startNode, type RunningNode } from './node-runtime.js';
import { OfficerAccountService } from './officers/officer-account.service.js';
import { startupReport } from './startup-report.js';

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
  // Started by a launcher over an IPC channel (npm run federation): when the launcher dies, even by
  // SIGKILL, the channel closes and the node stops with it rather than run on unowned. Before the node
  // is up, exiting is enough: its database gets the parent-death signal.
  let stop: (reason: string) => void = () => process.exit(1);
  if (process.channel) process.on('disconnect', () => stop('the launcher exited'));
  let node: RunningNode;
  try {
    node = await startNode(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'the node could not start');
    // The same reason in plain words for whoever started it in a terminal.
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\nThe node did not start.\n`);
    process.exit(1);
  }
  const accounts = await node.app.get(OfficerAccountService).count();
  const report = startupReport(config, node.url, accounts, process.env);
  logger.info(
    {
      event: 'node.started',
      ...report.fields,
      database: node.database.description,
      config: config.source,
      startupMs: Date.now() - startedAt,
    },
    report.message,
  );

  let stopping = false;
  stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'node.stopping', reason }, `${reason}: stopping`);
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
  process.on('SIGINT', () => stop('received SIGINT'));
  process.on('SIGTERM', () => stop('received SIGTERM'));
  if (process.channel && !process.connected) stop('the launcher exited');
}

void main();
