import { JobQueueService } from '../../src/transport/job-queue.service.js';
import { TransportModule } from '../../src/transport/transport.module.js';
import { MediumApp, MediumFederation } from './support/medium-app.js';

/** JobQueueService on a fresh database, as at a node's start-up, when every module creates its queue. */
describe('the job queue (medium: pg-boss on a real PostgreSQL)', () => {
  const federation = new MediumFederation(['kr-knpa']);
  let node: MediumApp;

  beforeAll(async () => {
    node = await MediumApp.create({ federation, imports: [TransportModule] });
  });
  afterAll(() => node?.close());

  it('creates queues asked for at once without a deadlock (pg-boss creates each in one transaction)', async () => {
    // Modules' bootstrap hooks ask together; a node once failed to start with "deadlock detected".
    const names = Array.from({ length: 12 }, (_, i) => `medium-queue-${i}`);
    const jobs = node.get(JobQueueService);
    await Promise.all(names.map((name) => jobs.queue(name)));
    const boss = await jobs.queue(names[0]);
    const found = await Promise.all(names.map((name) => boss.getQueue(name)));
    expect(found.map((queue) => queue?.name)).toEqual(names);
  });
});
