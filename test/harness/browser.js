'use strict';
// A real browser for the UI suite (test/ui) and the README screenshots (scripts/screenshots.js).
//
//   ensureChromium()                      -> '/usr/bin/chromium' (apt-get install -y chromium when missing)
//   const { context, page, close } = await launchBrowser({ baseUrl });
//   await loginInBrowser(page, n8n);      // the owner account (made headlessly by n8n.login()) gets a session
//   await shot(page, 'node-creator');     // PNG under .e2e/ui-screenshots/ (and docs/images/ if asked)
//
// Playwright's own browser download cannot work here (no access to its CDN): playwright-core drives
// Debian's Chromium package instead, which apt installs from the distribution mirror.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, waitUntil } = require('./n8n');
const { oneVersionUnderTest } = require('./versions');
const { ROOT } = require('./package');
const { prove } = require('./install');

const BROWSER_ID = 'keyclic-e2e'; // the `browser-id` header n8n.js sends with login()

const CHROMIUM = '/usr/bin/chromium'; // Debian's (installed when missing)
const SCREENSHOT_DIR = path.join(ROOT, '.e2e', 'ui-screenshots');
const DOCS_IMAGES = path.join(ROOT, 'docs', 'images');
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--disable-dev-shm-usage',
	'--no-default-browser-check',
	'--password-store=basic',
];

function apt(args) {
	// Another process (an agent, unattended-upgrades) may hold the dpkg lock: wait for it instead of failing.
	const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		maxBuffer: 1 << 26,
		timeout: 15 * 60 * 1000,
	});
	if (r.status !== 0) {
		throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.slice(-3000)}`);
	}
}

/** null when Debian's Chromium runs (`chromium --version`), else what is wrong. */
function chromiumProblem() {
	if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
	return prove(CHROMIUM, ['--version'], {}, /Chromium \d+/);
}

/** Debian's Chromium: installed from apt (one `apt-get update`, then install) when missing or broken. */
function ensureChromium(log = () => {}) {
	const problem = chromiumProblem();
	if (problem === null) return CHROMIUM;
	if (process.getuid && process.getuid() !== 0) {
		throw new Error(`Chromium does not run (${problem}); install it with: sudo apt-get update && sudo apt-get install -y chromium`);
	}
	log(`installing chromium from apt (${problem})…`);
	apt(['update']);
	apt(['install', '-y', fs.existsSync(CHROMIUM) ? '--reinstall' : '--no-upgrade', 'chromium']);
	const still = chromiumProblem();
	if (still !== null) throw new Error(`apt-get installed chromium but it does not run: ${still}`);
	return CHROMIUM;
}

/**
 * Headless Chromium with a fresh profile (deleted on close). `colorScheme: 'dark'` shows n8n's dark
 * theme (n8n follows the system theme by default).
 */
async function launchBrowser({ colorScheme = 'light', viewport = { width: 1440, height: 900 } } = {}) {
	const { chromium } = require('playwright-core');
	const executablePath = ensureChromium();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport,
		deviceScaleFactor: 1,
		colorScheme,
		locale: 'en-US',
		timezoneId: 'UTC',
		acceptDownloads: false,
	});
	context.setDefaultTimeout(20000);
	context.setDefaultNavigationTimeout(60000);
	const page = context.pages()[0] || (await context.newPage());
	const consoleErrors = [];
	page.on('pageerror', (e) => consoleErrors.push(String(e && e.message)));
	return {
		context,
		page,
		consoleErrors,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Puts the owner's session cookie (n8n.login() creates the owner headlessly the first time) into the
 * browser, so the editor opens without the sign-in form. n8n binds its session to the `browser-id`
 * header the harness sends; the editor sends the id it keeps in localStorage (n8n-browserId), so the
 * browser gets the same one.
 */
async function loginInBrowser(context, n8n) {
	await context.addInitScript((id) => {
		try {
			window.localStorage.setItem('n8n-browserId', id);
			// one-time "you can pin this output" bubbles would cover the output panel in screenshots
			window.localStorage.setItem('N8N_PIN_DATA_DISCOVERY_NDV', 'true');
			window.localStorage.setItem('N8N_PIN_DATA_DISCOVERY_CANVAS', 'true');
		} catch {
			/* about:blank has no storage */
		}
	}, BROWSER_ID);
	// /healthz answers before n8n's REST routes (owner setup, login) are mounted
	await waitUntil(`${n8n.baseUrl}/rest/settings`, async () => (await fetch(`${n8n.baseUrl}/rest/settings`)).ok, {
		timeoutMs: 120000,
		intervalMs: 500,
	});
	const cookieHeader = await n8n.login();
	const url = new URL(n8n.baseUrl);
	const cookies = cookieHeader
		.split('; ')
		.filter(Boolean)
		.map((pair) => {
			const i = pair.indexOf('=');
			return { name: pair.slice(0, i), value: pair.slice(i + 1), domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' };
		});
	await context.addCookies(cookies);
}

/**
 * Saves a PNG of the page (or of a locator) to .e2e/ui-screenshots/<name>.png and, when `docs` is true
 * and KEYCLIC_UPDATE_SCREENSHOTS=1 (npm run screenshots), to docs/images/<name without "NN-">.png.
 */
async function shot(target, name, { docs = false, ...options } = {}) {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name}.png`);
	await target.screenshot({ path: file, animations: 'disabled', caret: 'hide', ...options });
	if (docs && process.env.KEYCLIC_UPDATE_SCREENSHOTS === '1') {
		fs.mkdirSync(DOCS_IMAGES, { recursive: true });
		fs.copyFileSync(file, path.join(DOCS_IMAGES, `${name.replace(/^\d+-/, '')}.png`));
	}
	return file;
}

/** Closes n8n's toasts ("Node executed successfully"…) so they do not cover a screenshot. */
async function closeToasts(page) {
	const buttons = page.locator('.el-notification .el-notification__closeBtn');
	for (let i = (await buttons.count()) - 1; i >= 0; i--)
		await buttons
			.nth(i)
			.click({ timeout: 2000 })
			.catch(() => {});
	await page
		.locator('.el-notification')
		.first()
		.waitFor({ state: 'detached', timeout: 5000 })
		.catch(() => {});
}

/** The n8n versions the UI suites run against: one (the latest under test; KEYCLIC_N8N_VERSIONS chooses). */
function uiVersions() {
	return [oneVersionUnderTest()];
}

/** The selector of n8n's `data-test-id` attributes. */
const testId = (id) => `[data-test-id="${id}"]`;

/**
 * What every UI suite starts from: a real n8n `version` with `credentials` and `workflows` imported,
 * started, and a browser logged in as its owner. Stops what it started if a step fails.
 * @returns {Promise<{n8n: N8n, browser: object, page: object, close(): Promise<void>}>}
 */
async function openEditor({ version, name, credentials = [], workflows = [] }) {
	let n8n;
	let browser;
	const close = async () => {
		if (browser) await browser.close();
		if (n8n) await n8n.stop();
	};
	try {
		n8n = await N8n.create({ version, name });
		n8n.importCredentials(credentials);
		n8n.importWorkflows(workflows);
		await n8n.start();
		browser = await launchBrowser();
		await loginInBrowser(browser.context, n8n);
	} catch (e) {
		await close();
		throw e;
	}
	return { n8n, browser, page: browser.page, close };
}

/**
 * `step(title, name, fn)`: a test whose failure also leaves a PNG of the page
 * (.e2e/ui-screenshots/failed-<name>.png). `page()` gives the page at run time.
 */
function stepsWithScreenshots(page) {
	return (title, name, fn) =>
		test(title, async () => {
			try {
				await fn();
			} catch (e) {
				await shot(page(), `failed-${name}`).catch(() => {});
				throw e;
			}
		});
}

module.exports = {
	uiVersions,
	testId,
	openEditor,
	stepsWithScreenshots,
	ensureChromium,
	launchBrowser,
	loginInBrowser,
	closeToasts,
	shot,
	CHROMIUM,
	CHROMIUM_ARGS,
	SCREENSHOT_DIR,
	DOCS_IMAGES,
};
