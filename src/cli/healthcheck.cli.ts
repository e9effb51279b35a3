import { ConfigError, loadNodeConfig } from '../config/node-config.loader.js';
import { probeReadiness } from '../health/readiness-probe.js';

/**
 * The container's HEALTHCHECK: reads the same config as the node (NODE_CONFIG and the environment
 * overrides), asks its /health/ready, exits 0 when ready and 1 otherwise. Node only: the slim image has no curl.
 */
async function main(): Promise<number> {
  let config;
  try {
    config = loadNodeConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const result = await probeReadiness(config.listen, 4000);
  (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
  return result.ok ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
