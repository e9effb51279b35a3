import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext } from './transaction-context.js';

/** Makes the node's TransactionContext injectable everywhere (it wraps the one TypeORM DataSource). */
@Global()
@Module({
  providers: [
    { provide: TransactionContext, useFactory: (db: DataSource) => TransactionContext.of(db), inject: [DataSource] },
  ],
  exports: [TransactionContext],
})
export class TransactionModule {}
