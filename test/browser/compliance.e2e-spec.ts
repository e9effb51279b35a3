import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { randomEvm } from '../federation/support/exchange-steps.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { launchChromium, officerPage, screenshot, signIn } from './support/console-browser.js';

const KNPA = 'kr-knpa';
const HANBIT = 'kr-exchange-hanbit';
const password = (username: string) => `${username}-password-1`;
const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * The exchanges' screens in Chromium against kr-knpa and Hanbit as real node processes: the analyst
 * requests a freeze on the case, a liaison officer approves it there, Hanbit's compliance desk reads
 * it with its order and answers, a second compliance officer approves, and the case shows the answer,
 * the freeze's clock and, as it arrives, a hit the exchange reports.
 */
describe('the exchanges in the console', () => {
  const federation = new FederationHarness([KNPA, HANBIT]);
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const problems: string[][] = [];
  const wallet = randomEvm();
  let caseId = '';
  let reference = '';

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    const accounts: [string, string, Role[]][] = [
      [KNPA, 'lee.analyst', [Role.ANALYST]],
      [KNPA, 'choi.liaison', [Role.LIAISON_OFFICER]],
      [HANBIT, 'han.compliance', [Role.COMPLIANCE_OFFICER]],
      [HANBIT, 'yoon.compliance', [Role.COMPLIANCE_OFFICER]],
      [HANBIT, 'hanbit.admin', [Role.ADMIN]],
    ];
    for (const [node, username, roles] of accounts) await federation.token(node, username, roles);
    const analystToken = await federation.token(KNPA, 'lee.analyst', [Role.ANALYST]);
    const created = await federation.graphql<{ createCase: { id: string; reference: string } }>(
      KNPA,
      CREATE_CASE,
      {
        input: caseInput({
          offenceCategories: ['ONLINE_SCAM'],
          identifiers: [{ id: 'w1', type: 'WALLET_EVM', value: wallet }],
          requests: [],
          transactions: [],
        }),
      },
      analystToken,
    );
    ({ id: caseId, reference } = created.data!.createCase);
    const upload = await fetch(`${federation.apiUrl(KNPA)}/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${analystToken}`,
        'content-type': 'application/pdf',
        'x-filename': 'warrant.pdf',
      },
      body: Buffer.from('%PDF-1.7 seizure warrant'),
    });
    expect(upload.status).toBe(201);
    await federation.graphql(
      KNPA,
      'mutation ($i: WatchlistEntryInput!) { addWatchlistEntry(input: $i) { entryId } }',
      {
        i: {
          identifierType: 'WALLET_EVM',
          value: wallet,
          reason: 'compound wallet',
          offenceCategory: 'ONLINE_SCAM',
          severity: 'HIGH',
          caseReference: reference,
          validUntil: '2030-01-01T00:00:00Z',
        },
      },
      analystToken,
    );
    for (const name of ['analyst', 'liaison', 'compliance', 'compliance2']) {
      const opened = await officerPage(browser, name);
      pages[name] = opened.page;
      problems.push(opened.problems);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  it('takes a freeze request from the case to the compliance desk and its approved answer back', async () => {
    const { analyst, liaison, compliance, compliance2 } = pages;
    await signIn(analyst, federation.apiUrl(KNPA), 'lee.analyst', password('lee.analyst'));
    await analyst.goto(`${federation.apiUrl(KNPA)}/console/#/cases/${caseId}`);
    const section = analyst.getByTestId('case-exchange-requests');
    await section.getByRole('checkbox', { name: HANBIT }).check();
    await section.getByRole('checkbox', { name: wallet.slice(0, 10), exact: false }).check();
    await section.getByLabel('Order reference').fill('2026-Go-1234');
    await section.getByLabel('Issuing authority').fill('Seoul Central District Court');
    await section.getByRole('button', { name: 'Request (a liaison officer approves)' }).click();
    const requested = await section.getByText(/^Requested FR-\S+; a liaison officer approves it\.$/).innerText();
    const freezeReference = /FR-\S+(?=;)/.exec(requested)![0];
    await screenshot(analyst, 'exchange-requested');

    await signIn(liaison, federation.apiUrl(KNPA), 'choi.liaison', password('choi.liaison'));
    await liaison.goto(`${federation.apiUrl(KNPA)}/console/#/cases/${caseId}`);
    await liaison
      .getByTestId(`freeze-request-${freezeReference}`)
      .getByRole('button', { name: 'Approve and send' })
      .click();
    await liaison
      .getByTestId(`copy-${HANBIT}`)
      .getByText(/^(approved|sent|delivered)$/)
      .waitFor();

    await signIn(compliance, federation.apiUrl(HANBIT), 'han.compliance', password('han.compliance'));
    await compliance.getByRole('link', { name: 'Compliance desk' }).click();
    const row = compliance.getByTestId('compliance-queue').getByRole('row').filter({ hasText: freezeReference });
    for (let i = 0; i < 60 && (await row.count()) === 0; i++) {
      await compliance.waitForTimeout(1000);
      await compliance.getByRole('button', { name: 'Reload the queue' }).click();
    }
    expect(await row.innerText()).toMatch(/kr-knpa\s+freeze\s+urgent \(8 h\)\s+due in 7 h/);
    await row.getByRole('link', { name: freezeReference }).click();
    const detail = compliance.getByTestId('compliance-request');
    await detail.getByText('Do not tip off the customer.').waitFor();
    await detail.getByRole('button', { name: 'Open the order' }).click();
    await detail.getByRole('link', { name: 'warrant.pdf' }).waitFor();
    await detail.getByLabel('Answer for T1').selectOption('FROZEN');
    await detail.getByLabel('Amount T1').fill('48000.5');
    await detail.getByLabel('Asset T1').fill('USDT');
    await detail.getByLabel('When (frozen or released) T1').fill(local(new Date()));
    await detail.getByLabel('Frozen until T1').fill(local(new Date(Date.now() + 90 * 86_400_000)));
    await detail.getByRole('button', { name: 'Send for approval' }).click();
    await detail.getByText('Yours: another compliance officer approves it.').waitFor();
    await screenshot(compliance, 'compliance-answer-written');

    await signIn(compliance2, federation.apiUrl(HANBIT), 'yoon.compliance', password('yoon.compliance'));
    await compliance2.goto(`${federation.apiUrl(HANBIT)}/console/#/compliance`);
    await compliance2.getByRole('link', { name: freezeReference }).click();
    await compliance2.getByTestId('compliance-answers').getByRole('button', { name: 'Approve and send' }).click();
    await compliance2.getByText('Approved, signed and sent.').waitFor();

    const copy = analyst.getByTestId(`copy-${HANBIT}`);
    for (let i = 0; i < 60 && !/T1 frozen 48000\.5 USDT/.test(await copy.innerText()); i++) {
      await analyst.waitForTimeout(1000);
      await section.getByRole('button', { name: 'Reload the requests' }).click();
    }
    expect(await copy.innerText()).toMatch(/answered\s+T1 frozen 48000\.5 USDT/);
    expect(await analyst.getByTestId('freeze-holds').innerText()).toMatch(/held[\s\S]*ends in 89 d/);
    await screenshot(analyst, 'exchange-answered');
  });

  it('shows on the case, as it arrives, a deposit the exchange reports', async () => {
    const { analyst } = pages;
    const admin = await federation.token(HANBIT, 'hanbit.admin', [Role.ADMIN]);
    const issued = await federation.graphql<{ issueScreeningKey: { apiKey: string } }>(
      HANBIT,
      'mutation { issueScreeningKey(systemId: "browser-test") { apiKey } }',
      {},
      admin,
    );
    const screened = await fetch(`http://127.0.0.1:${federation.slot(HANBIT).screeningPort}/screening/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issued.data!.issueScreeningKey.apiKey}` },
      body: JSON.stringify({
        type: 'WALLET_EVM',
        address: wallet,
        direction: 'DEPOSIT',
        amount: '2500',
        asset: 'USDT',
      }),
    });
    expect(((await screened.json()) as { reportedTo: string[] }).reportedTo).toEqual([KNPA]);
    await analyst
      .getByTestId('hit-reports')
      .getByText(/deposit 2500 USDT/)
      .waitFor({ timeout: 20_000 });
    await screenshot(analyst, 'exchange-hit-reported');
    expect(problems.flat()).toEqual([]);
  });
});
