import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Run by initializeDataSource, under a lock (below), never by TypeORM on initialize.
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'fed-node' },
  };
}

/** Held while migrating: one process migrates, the others wait, then find nothing pending. */
const MIGRATION_LOCK = "hashtext('fed-node migrations')";

/**
 * Initialises the DataSource and runs pending migrations under a database-wide advisory lock. Replicas
 * started together on an empty database would otherwise race: two `CREATE TABLE` of one name fail on
 * PostgreSQL's catalogue, and two processes would apply the same migration.
 */
export async function initializeDataSource(dataSource: DataSource): Promise<DataSource> {
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.release().catch(() => undefined);
  }
  return dataSource;
}

/** A DataSource outside Nest, for the CLIs; runs pending migrations first. */
export function openDataSource(url: string): Promise<DataSource> {
  return initializeDataSource(new DataSource(dataSourceOptions(url)));
}

/** The node's TypeORM module: the DataSource of dataSourceOptions, migrated by initializeDataSource. */
export function typeOrmRoot(url: string, poolSize: number): DynamicModule {
  const options = dataSourceOptions(url, poolSize);
  return TypeOrmModule.forRootAsync({
    useFactory: () => options,
    dataSourceFactory: () => initializeDataSource(new DataSource(options)),
  });
}
