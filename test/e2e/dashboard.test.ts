// The dashboard in a real headless browser (Debian's chromium driven by playwright-core) against
// a real stack: the page loads, shows the workers, deploys and invokes through its forms, and its
// counters move without a reload. With FAAS_SCREENSHOT=1 it also refreshes docs/dashboard.png,
// the README's screenshot.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { eventually, invoke, request, ROOT, startTestStack, type TestStack } from './harness.js';

/** Debian's chromium (scripts/install-toolchains.sh installs it), or CHROMIUM_PATH. */
function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  assert.ok(found, `no chromium at ${candidates.join(', ')}: run scripts/install-toolchains.sh`);
  return found;
}

const cell = (page: Page, table: string, rowText: string, column: number) =>
  page.locator(`[data-testid="${table}"] tbody tr`, { hasText: rowText }).first().locator('td').nth(column);

describe('dashboard', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;

  before(async () => {
    stack = await startTestStack({ workers: 3 });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await stack?.destroy();
  });

  it('loads with every worker and the strategy, live', async () => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    await page.goto(stack.url);
    await page.getByTestId('feed-state').filter({ hasText: 'live' }).waitFor();
    await page.locator('[data-testid="workers"] tbody tr').nth(2).waitFor();
    assert.equal(await page.locator('[data-testid="workers"] tbody tr').count(), 3);
    assert.equal(await page.getByTestId('strategy').inputValue(), 'RR');
    assert.deepEqual(errors, []);
  });

  it('deploys and invokes through its forms and shows the counters move', async () => {
    await page.getByTestId('deploy-name').fill('greet');
    await page.getByTestId('deploy-lang').selectOption('python');
    await page.getByTestId('deploy-code').fill('import sys\nprint("Hello, " + (sys.stdin.read() or "nobody") + "!")\n');
    await page.getByTestId('deploy').click();
    await page.getByTestId('deploy-result').filter({ hasText: /deployed greet_\d+/ }).waitFor();
    await cell(page, 'functions', 'greet', 0).waitFor();

    await page.getByTestId('invoke-fn').fill('greet');
    await page.getByTestId('invoke-input').fill('dashboard');
    await page.getByTestId('invoke').click();
    await page.getByTestId('invoke-result').filter({ hasText: 'Hello, dashboard!' }).waitFor();
    await cell(page, 'functions', 'greet', 3).filter({ hasText: /^1$/ }).waitFor();

    // Calls made elsewhere show up too, without a reload: two more, one of them failing.
    await invoke(stack.url, 'greet', 'curl');
    await request(`${stack.url}/deploy?name=greet&lang=python`, { method: 'POST', body: 'raise SystemExit(3)\n' });
    await invoke(stack.url, 'greet');
    await cell(page, 'functions', 'greet', 3).filter({ hasText: /^3$/ }).waitFor();
    assert.equal(await cell(page, 'functions', 'greet', 4).textContent(), '1');
    assert.match(String(await cell(page, 'functions', 'greet', 5).textContent()), /^\d+$/);
    assert.equal(await page.locator('[data-testid="recent"] tbody tr').count(), 3);
    assert.equal(await cell(page, 'recent', 'FUNCTION_FAILED', 1).textContent(), 'greet');
    // Jobs done per worker come from the load balancer, which counts a job when its lease ends.
    const jobsDone = async () =>
      (await page.locator('[data-testid="workers"] tbody tr td:nth-child(4)').allTextContents()).map(Number).reduce((a, b) => a + b, 0);
    await eventually(async () => (await jobsDone()) === 3, 5000, 'three jobs done over the workers');
  });

  it('switches the load-balancing strategy', async () => {
    await page.getByTestId('strategy').selectOption('FIFO');
    await eventually(async () => (await request(`${stack.url}/lb/strategy`)).body['strategy'] === 'FIFO', 5000, 'the strategy changed to FIFO');
    await page.getByTestId('strategy').selectOption('RR');
    // FAAS_SCREENSHOT=1 refreshes the README's picture; otherwise it goes to a temporary file.
    const path = process.env['FAAS_SCREENSHOT'] === '1' ? join(ROOT, 'docs', 'dashboard.png') : join(tmpdir(), `minifaas-dashboard-${process.pid}.png`);
    await page.screenshot({ path, fullPage: true });
    assert.ok(statSync(path).size > 10_000, 'the screenshot is an image of the page');
  });
});

describe('dashboard with FAAS_API_TOKEN', () => {
  let stack: TestStack;
  let browser: Browser;

  before(async () => {
    stack = await startTestStack({ workers: 1, env: { FAAS_API_TOKEN: 'dash-secret' } });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await stack?.destroy();
  });

  it('asks for the token before showing anything, then works with it', async () => {
    const page = await browser.newPage();
    await page.goto(stack.url);
    await page.getByTestId('token').waitFor();
    assert.equal(await page.locator('[data-testid="workers"] tbody tr').count(), 0);

    await page.getByTestId('token').fill('dash-secret');
    await page.getByTestId('token').press('Enter');
    await page.getByTestId('feed-state').filter({ hasText: 'live' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('deploy-name').fill('locked');
    await page.getByTestId('deploy-code').fill('print("in")');
    await page.getByTestId('deploy').click();
    await page.getByTestId('deploy-result').filter({ hasText: /deployed locked_\d+/ }).waitFor();
  });
});
