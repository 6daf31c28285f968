'use strict';
// The "Keyclic API" credential and Automatic registration as users meet them in n8n's editor (Debian's
// Chromium driven by playwright-core, same harness as editor.test.js), against the local Keyclic API
// emulator (test/keyclic-emulator) on 127.0.0.1: the credential form and its fields, n8n's credential
// test (demo login → success, wrong password → failure), then the node panel of the example workflow
// switched to Registration = Automatic (Organization resource locator, "Keyclic API" credential).
// n8n is never pointed at https://api.keyclic.com: the Base URL field is set to the emulator before
// the credential is first saved (which is when n8n first tests it). Every step asserts on the page and
// saves a PNG to .e2e/ui-screenshots/.
//
//   npx jest --selectProjects ui --runInBand --forceExit        (one n8n: the latest under test, KEYCLIC_N8N_VERSIONS chooses)
const { createEmulator } = require('../keyclic-emulator');
const { exampleWorkflow, secretCredential, EXAMPLE, TRIGGER } = require('../harness/workflows');
const { closeToasts, openEditor, shot, stepsWithScreenshots, testId, uiVersions } = require('../harness/browser');

jest.setTimeout(4 * 60 * 1000);

const TOKEN = 'ui-secret-token-0123456789abcdef';
const DEMO = { login: 'demo@keyclic.example', password: 'demo-password' };
const ORGANIZATIONS = ['Bailleur Démo Lyon', 'Syndic Démo Villeurbanne'];
describe.each(uiVersions())('Keyclic API credential and Automatic registration in the n8n %s editor (Chromium)', (version) => {
	let emu;
	let editor;
	let n8n;
	let page;
	const requests = []; // what reached the emulator: { method, path, status }
	let apiCredentialName = 'Keyclic account'; // n8n's default name; read back from n8n once saved

	beforeAll(async () => {
		emu = await createEmulator({ port: 0, host: '127.0.0.1' });
		if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(emu.url)) throw new Error(`the emulator must listen on 127.0.0.1, not ${emu.url}`);
		emu.events.on('request', ({ method, path, status }) => requests.push({ method, path, status }));
		editor = await openEditor({
			version,
			name: `ui-api-${version}`,
			credentials: [secretCredential(TOKEN)],
			workflows: [exampleWorkflow()],
		});
		({ n8n, page } = editor);
	});

	afterAll(async () => {
		if (editor) await editor.close();
		if (emu) await emu.close();
	});

	const step = stepsWithScreenshots(() => page);

	const modal = () => page.locator(testId('editCredential-modal'));
	const input = (name) => modal().locator(`${testId(`parameter-input-${name}`)} input`);
	const label = (name) => modal().locator(testId(name)).locator('label.n8n-input-label').innerText();
	const seen = (method, pathname, status) =>
		requests.some((r) => r.method === method && r.path.split('?')[0] === pathname && r.status === status);

	/** Credentials → "Create credential" → type "Keyclic" → "Keyclic API" → Continue. */
	async function openNewKeyclicApiCredential() {
		await page.goto(`${n8n.baseUrl}/home/credentials/create`);
		await page.locator(testId('selectCredential-modal')).waitFor();
		await page.locator(testId('new-credential-type-select')).click();
		await page.keyboard.type('Keyclic');
		const types = page.locator(`${testId('new-credential-type-select-option')}:visible`);
		await types.first().waitFor();
		await expect(types.allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Keyclic API', 'Keyclic Webhook Secret API']));
		await types.filter({ hasText: /^Keyclic API$/ }).click();
		await page.locator(testId('new-credential-type-button')).click();
		await modal().waitFor();
	}

	step(
		'the "Keyclic API" credential form shows E-Mail, Password, Application Key (com.keyclic.app), Base URL and Language',
		'api-credential-form',
		async () => {
			await openNewKeyclicApiCredential();
			await expect(modal().getByText('Keyclic API', { exact: true }).count()).resolves.toBeGreaterThan(0);

			await expect(label('login')).resolves.toMatch(/^E-Mail\s*\*/);
			await expect(input('login').getAttribute('placeholder')).resolves.toBe('e.g. name@example.com');
			await expect(input('login').inputValue()).resolves.toBe('');
			await expect(label('password')).resolves.toMatch(/^Password\s*\*/);
			await expect(input('password').getAttribute('type')).resolves.toBe('password');
			await expect(label('applicationKey')).resolves.toMatch(/^Application Key\s*\*/);
			await expect(input('applicationKey').inputValue()).resolves.toBe('com.keyclic.app');
			await expect(label('baseUrl')).resolves.toMatch(/^Base URL\s*\*/);
			await expect(input('baseUrl').inputValue()).resolves.toBe('https://api.keyclic.com');
			await expect(label('language')).resolves.toMatch(/^Language/);
			await expect(input('language').inputValue()).resolves.toBe('English');
			// the hidden, expirable access token is n8n's business, not a form field
			await expect(modal().locator(testId('accessToken')).count()).resolves.toBe(0);
			await expect(modal().locator(testId('parameter-input-accessToken')).count()).resolves.toBe(0);
			const docs = modal().getByRole('link', { name: 'docs' });
			await expect(docs.getAttribute('href')).resolves.toMatch(/^https:\/\/github\.com\/keyclic\/n8n-nodes-keyclic/);

			await modal().locator(testId('parameter-input-language')).click();
			const options = page.locator('.el-select-dropdown__item:visible');
			await options.first().waitFor();
			await expect(options.allInnerTexts()).resolves.toEqual(['English', 'French', 'Spanish']);
			await page.keyboard.press('Escape');
			await expect(modal().isVisible()).resolves.toBe(true);
			await page.mouse.move(10, 890);
			await shot(page, '11-api-credential-form');
		},
	);

	step(
		'n8n\'s credential test logs in to the emulator: wrong password → failure, demo login → "Connection tested successfully"',
		'api-credential-test',
		async () => {
			if (!(await modal().isVisible())) await openNewKeyclicApiCredential();
			// the Base URL first: n8n tests the credential when it is saved, and never with api.keyclic.com
			await input('baseUrl').fill(emu.url);
			await expect(input('baseUrl').inputValue()).resolves.toBe(emu.url);
			await input('login').fill(DEMO.login);
			await input('password').fill('wrong-password');
			await expect(input('baseUrl').inputValue()).resolves.toBe(emu.url);
			const save = modal().locator(testId('credential-save-button'));

			await save.click();
			await modal().getByText('Couldn’t connect with these settings').waitFor({ timeout: 60000 });
			expect(seen('POST', '/security/login', 401)).toBe(true);
			expect(seen('GET', '/organizations', 200)).toBe(false);
			const details = modal().getByText('More details');
			if (await details.isVisible()) {
				await details.click();
				// the danger banner (title, "Retry", then the details n8n got from the failed test)
				const banner = modal().locator('.el-tag--danger').filter({ hasText: 'Couldn’t connect with these settings' });
				const detailsOf = async () =>
					(await banner.innerText())
						.replace('Couldn’t connect with these settings', '')
						.replace(/\b(Retry|More details)\b/g, '')
						.trim();
				let text = '';
				for (const deadline = Date.now() + 10000; !text && Date.now() < deadline; ) {
					text = await detailsOf();
					if (!text) await page.waitForTimeout(250);
				}
				console.info(`n8n's "More details" for a wrong Keyclic password: ${JSON.stringify(text)}`);
				expect(text).toMatch(/401|Invalid credentials|refused|unauthori[sz]ed/i);
			} else {
				console.info('n8n shows no "More details" for the failed Keyclic API test');
			}
			await closeToasts(page);
			await page.mouse.move(10, 890);
			await shot(page, '12-api-credential-test-error');

			await input('password').fill(DEMO.password);
			await expect(input('baseUrl').inputValue()).resolves.toBe(emu.url);
			await save.click();
			await modal().getByText('Connection tested successfully').waitFor({ timeout: 60000 });
			await expect(modal().getByText('Couldn’t connect with these settings').isVisible()).resolves.toBe(false);
			expect(seen('POST', '/security/login', 200)).toBe(true);
			// n8n's test request: GET /organizations with the token preAuthentication got
			expect(seen('GET', '/organizations', 200)).toBe(true);
			await closeToasts(page);
			await page.mouse.move(10, 890);
			await shot(page, '13-api-credential-test');
			await page.keyboard.press('Escape');
			await modal().waitFor({ state: 'hidden' });

			// what n8n stored: the emulator's URL, never the public API
			const cookie = await n8n.login();
			const { json } = await n8n.rest('/rest/credentials?includeData=true', { cookie });
			const api = (json.data || []).filter((c) => c.type === 'keyclicApi');
			expect(api).toHaveLength(1);
			apiCredentialName = api[0].name;
			expect(api[0].data).toMatchObject({ baseUrl: emu.url, login: DEMO.login });
			// n8n stores only the values that differ from the defaults (it applies the defaults when it uses them)
			expect(api[0].data.applicationKey ?? 'com.keyclic.app').toBe('com.keyclic.app');
			expect(api[0].data.language ?? 'en-US').toBe('en-US');
		},
	);

	step(
		'the example workflow\'s trigger switched to Registration "Automatic" shows Organization (resource locator) and the "Keyclic API" credential',
		'automatic-registration',
		async () => {
			await page.goto(`${n8n.baseUrl}/workflow/${EXAMPLE.id}`);
			const node = page.locator(`${testId('canvas-node')}[data-node-name="${TRIGGER}"]`);
			await node.waitFor();
			await node.dblclick();
			const panel = page.locator(testId('ndv'));
			await panel.waitFor();
			const param = (name) => panel.locator(testId(`parameter-input-${name}`));
			const slots = panel.locator(testId('node-credentials-slot'));

			// as imported: Manual registration, the secret credential, no Organization
			const registration = param('registration');
			await expect(registration.locator('input').inputValue()).resolves.toBe('Manual');
			await expect(param('authentication').isVisible()).resolves.toBe(true);
			await expect(panel.locator(testId('resource-locator-organization')).count()).resolves.toBe(0);
			await expect(slots.filter({ hasText: 'Keyclic Webhook Secret API' }).count()).resolves.toBe(1);
			// "Keyclic API" is offered in Manual mode too (optional: Confirm with Keyclic API uses it)
			await expect(slots.count()).resolves.toBe(2);

			await registration.click();
			await page
				.locator('.el-select-dropdown__item:visible')
				.filter({ hasText: /^Automatic/ })
				.click();
			await expect(registration.locator('input').inputValue()).resolves.toBe('Automatic');

			// Automatic: Organization appears (a resource locator: From List / By ID), the manual-only fields go
			const locator = panel.locator(testId('resource-locator-organization'));
			await locator.waitFor();
			const organization = panel.locator(testId('parameter-item')).filter({ has: page.locator(testId('resource-locator-organization')) });
			await expect(organization.count()).resolves.toBe(1);
			await expect(organization.locator('label').first().innerText()).resolves.toMatch(/^Organization\b/);
			await expect(organization.locator(testId('rlc-mode-selector')).locator('input').inputValue()).resolves.toMatch(/^From list$/i);
			await expect(param('authentication').count()).resolves.toBe(0);
			await expect(slots.filter({ hasText: 'Keyclic Webhook Secret API' }).count()).resolves.toBe(0);
			await expect(
				panel.getByText(/When the workflow is published, the trigger creates one Keyclic webhook per selected event/).isVisible(),
			).resolves.toBe(true);

			// the "Keyclic API" credential select (the only credential slot left), with the credential saved above
			await expect(slots.count()).resolves.toBe(1);
			const select = slots.first().locator(testId('node-credentials-select'));
			await select.waitFor();
			const current = await select.locator('input').inputValue();
			if (current === '') {
				await select.click();
				await page.locator('.el-select-dropdown__item:visible').filter({ hasText: apiCredentialName }).first().click();
			}
			const chosen = await select.locator('input').inputValue();
			expect(chosen).toBe(apiCredentialName);
			console.info(
				`"Keyclic API" slot: label ${JSON.stringify(await slots.first().locator('label').first().innerText())}, credential ${JSON.stringify(chosen)} (${current ? 'preselected by n8n' : 'picked by the test'})`,
			);

			// Registration, Trigger On (events) and Confirm with Keyclic API stay visible
			for (const [name, text] of [
				['registration', 'Registration'],
				['events', 'Trigger On'],
				['confirmWithApi', 'Confirm with Keyclic API'],
			]) {
				await expect(param(name).isVisible()).resolves.toBe(true);
				await expect(panel.getByText(text, { exact: true }).first().isVisible()).resolves.toBe(true);
			}

			// "From List" asks the emulator (searchOrganizations) through the credential: the demo organizations
			const before = requests.length;
			await organization.locator(testId('rlc-input')).click();
			const items = page.locator(`${testId('rlc-item')}:visible`);
			const error = page.locator(`${testId('rlc-error-container')}:visible`);
			await items.or(error).first().waitFor({ timeout: 60000 });
			if (await error.isVisible()) throw new Error(`the organization list failed: ${await error.innerText()}`);
			await expect(items.allInnerTexts()).resolves.toEqual(expect.arrayContaining(ORGANIZATIONS.map((o) => expect.stringContaining(o))));
			expect(requests.slice(before).some((r) => r.method === 'GET' && r.path.startsWith('/organizations') && r.status === 200)).toBe(true);
			await closeToasts(page);
			await shot(page, '14-automatic-registration-organizations');

			// picking one fills the parameter; then nothing in the panel carries an error badge
			await items.filter({ hasText: ORGANIZATIONS[0] }).first().click();
			const shown = await organization
				.locator(testId('rlc-input'))
				.first()
				.evaluate((el) => (el.tagName === 'INPUT' ? el : el.querySelector('input')).value);
			expect(shown).toBe(ORGANIZATIONS[0]);
			await expect(panel.locator(testId('parameter-issues')).count()).resolves.toBe(0);
			await closeToasts(page);
			await page.mouse.move(10, 890);
			await shot(page, '15-automatic-registration');
		},
	);
});
