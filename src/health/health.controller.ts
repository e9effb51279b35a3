import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators.js';
import { TransactionContext } from '../common/database/transaction-context.js';

@Controller('health')
export class HealthController {
  constructor(private readonly tx: TransactionContext) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The node can do its work: its database answers. */
  @Get('ready')
  @Public()
  @HttpCode(200)
  async ready(): Promise<{ status: 'ok'; database: 'ok' }> {
    try {
      await this.tx.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'unreachable' });
    }
    return { status: 'ok', database: 'ok' };
  }
}
