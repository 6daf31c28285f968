'use strict';
// The Keyclic Trigger as users meet it: n8n's editor in a real browser (Debian's Chromium driven by
// playwright-core), against the same real n8n the e2e suite starts (our package installed as a
// community package, owner account made headlessly). Every step asserts on the page and saves a PNG
// to .e2e/ui-screenshots/; with KEYCLIC_UPDATE_SCREENSHOTS=1 (npm run screenshots) the README ones
// also go to docs/images/.
//
//   npx jest --selectProjects ui --runInBand --forceExit        (one n8n: the latest under test, KEYCLIC_N8N_VERSIONS chooses)
const fs = require('node:fs');
const path = require('node:path');

const { exampleWorkflow, secretCredential, EXAMPLE, TRIGGER } = require('../harness/workflows');
const { closeToasts, openEditor, shot, stepsWithScreenshots, testId, uiVersions } = require('../harness/browser');
const { ROOT } = require('../harness/package');
const { keyclicFixtures } = require('../support/fixtures');
const { expectedState } = require('../support/expectations');

jest.setTimeout(4 * 60 * 1000);

const TOKEN = 'ui-secret-token-0123456789abcdef';
const NODE_TYPE = 'n8n-nodes-keyclic.keyclicTrigger';
// With both nodes installed, n8n's node creator shows ONE "Keyclic" entry for the app (its keyboard-nav id is
// the action node's or the trigger's, depending on the panel): match both.
// data-keyboard-nav-id is "<node type>-<uuid>": the dash keeps keyclicPollingTrigger out of the first
const APP_ENTRY = 'n8n-nodes-keyclic.keyclic-';
const POLLING_ENTRY = 'n8n-nodes-keyclic.keyclicPollingTrigger-';
const EVENT_LABELS = ['Report Created', 'Report State Changed', 'Operation Created', 'Operation State Changed', 'Operation Removed'];
const svgOf = (file) => fs.readFileSync(path.join(ROOT, 'nodes', 'KeyclicTrigger', file), 'utf8');
/** Waits for an <img> to finish loading; true when it decoded to a real picture. */
const imageLoaded = (img) =>
	img.evaluate((el) =>
		el.complete
			? el.naturalWidth > 0
			: new Promise((resolve) => {
					el.addEventListener('load', () => resolve(el.naturalWidth > 0), { once: true });
					el.addEventListener('error', () => resolve(false), { once: true });
				}),
	);

// The editor UI differs between n8n majors; the browser suite follows the current one.
describe.each(uiVersions())('Keyclic Trigger in the n8n %s editor (Chromium)', (version) => {
	let editor;
	let n8n;
	let page;
	let description; // the node type as n8n serves it to the editor
	let pollingDescription; // the polling trigger's, likewise
	const fixture = keyclicFixtures().find((f) => f.file === 'report_created.json').body;

	beforeAll(async () => {
		editor = await openEditor({ version, name: `ui-${version}`, credentials: [secretCredential(TOKEN)], workflows: [exampleWorkflow()] });
		({ n8n, page } = editor);
		const cookie = await n8n.login();
		const types = await (await fetch(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie, 'browser-id': 'keyclic-e2e' } })).json();
		description = types.find((t) => t.name === NODE_TYPE);
		pollingDescription = types.find((t) => t.name === 'n8n-nodes-keyclic.keyclicPollingTrigger');
	});

	afterAll(async () => {
		if (editor) await editor.close();
	});

	const ndv = () => page.locator(testId('ndv'));

	const step = stepsWithScreenshots(() => page);

	/** New workflow → "Add first step" → search "keyclic" → the node → its first trigger action. */
	async function openCreatorOnNewWorkflow() {
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await page.locator(testId('canvas-add-button')).click();
		await page.locator(testId('node-creator-search-bar')).fill('keyclic');
		return page.locator(`${testId('item-iterator-item')}[data-keyboard-nav-id^="${APP_ENTRY}"]`);
	}

	async function addTriggerToNewWorkflow() {
		const item = await openCreatorOnNewWorkflow();
		await item.click();
		await page.locator(testId('node-creator-item-name'), { hasText: 'On report created' }).click();
		await ndv().waitFor();
	}

	step(
		'the node creator finds Keyclic (one entry for both nodes) and, beside it, the Keyclic Polling Trigger when typing "keyclic", with our icon',
		'node-creator',
		async () => {
			expect(description).toBeDefined();
			expect(pollingDescription).toBeDefined();
			const item = await openCreatorOnNewWorkflow();
			await item.first().waitFor();
			await expect(item.count()).resolves.toBe(1);
			// the polling trigger is its own entry, which says what sets it apart: no public URL needed
			const polling = page.locator(`${testId('item-iterator-item')}[data-keyboard-nav-id^="${POLLING_ENTRY}"]`);
			await expect(polling.count()).resolves.toBe(1);
			await expect(polling.locator(testId('node-creator-item-name')).innerText()).resolves.toMatch(/^Keyclic Polling( Trigger)?$/);
			await expect(polling.locator(testId('node-creator-item-description')).innerText()).resolves.toBe(pollingDescription.description);
			expect(pollingDescription.description).toMatch(/no public URL/);
			// trigger lists drop the " Trigger" suffix (n8n's getTriggerNodeServiceName)
			await expect(item.locator(testId('node-creator-item-name')).innerText()).resolves.toMatch(/^Keyclic( Trigger)?$/);
			await expect(item.locator(testId('node-creator-item-description')).innerText()).resolves.toBe(description.description);
			const icon = item.locator('img').first();
			await expect(icon.getAttribute('src')).resolves.toMatch(/\/icons\/n8n-nodes-keyclic\/dist\/nodes\/Keyclic(Trigger)?\/keyclic\.svg$/);
			await expect(imageLoaded(icon)).resolves.toBe(true);
			// the icon n8n serves is ours, byte for byte
			const served = await page.request.get(new URL(await icon.getAttribute('src'), n8n.baseUrl).href);
			expect(served.status()).toBe(200);
			expect(await served.text()).toBe(svgOf('keyclic.svg'));
			await shot(page, '01-node-creator');

			// the node opens its five trigger actions (n8n derives them from the "Trigger On" parameter)
			await item.click();
			const actions = page.locator(`${testId('node-creator')} ${testId('node-creator-item-name')}`).filter({ hasText: /^On / });
			await actions.last().waitFor();
			await expect(actions.allInnerTexts()).resolves.toEqual(EVENT_LABELS.map((l) => `On ${l.toLowerCase()}`));
			await expect(
				page
					.locator(testId('node-creator'))
					.getByText(/^Triggers \(5\)/)
					.count(),
			).resolves.toBe(1);
			await shot(page, '02-node-creator-actions');
		},
	);

	step(
		'a new workflow with the trigger shows its parameters, credential and trigger panel, without error badges',
		'node-parameters',
		async () => {
			await addTriggerToNewWorkflow();
			const panel = ndv();
			await expect(panel.locator(testId('node-title-container')).innerText()).resolves.toContain('Keyclic Trigger');

			// registration mode (n8n would hide it, and move it into the credential dialog, if it took it for an auth type)
			expect(description.properties.some((p) => p.name === 'registration')).toBe(true);
			const registration = panel.locator(testId('parameter-input-registration'));
			await expect(registration.isVisible()).resolves.toBe(true);
			await expect(registration.locator('input').inputValue()).resolves.toBe('Manual');
			await registration.click();
			// the dropdown opens with an animation: wait for its options to show before reading them
			const modes = page.locator('.el-select-dropdown__item:visible');
			await modes.nth(1).waitFor({ state: 'visible', timeout: 15000 });
			await expect(modes.allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Manual/), expect.stringMatching(/^Automatic/)]);
			await page.keyboard.press('Escape');
			// the dropdown closes with an animation: wait until none of its options is visible any more
			await page.waitForFunction(
				() => ![...document.querySelectorAll('.el-select-dropdown__item')].some((e) => e.offsetParent !== null),
				undefined,
				{ timeout: 15000 },
			);

			// the secret: Authentication = Secret Token in URL, and the (only) credential picked already
			const auth = panel.locator(testId('parameter-input-authentication'));
			await expect(auth.locator('input').inputValue()).resolves.toBe('Secret Token in URL');
			const slot = panel.locator(testId('node-credentials-slot')).filter({ hasText: 'Keyclic Webhook Secret API' });
			await expect(slot.locator(testId('node-credentials-select')).locator('input').inputValue()).resolves.toBe('Keyclic webhook secret');
			await expect(panel.locator('.notice').first().innerText()).resolves.toMatch(/Production URL.*\?token=.*Execute step/s);

			// events: the action picked "Report Created"; the list has the five events
			const events = panel.locator(testId('parameter-input-events'));
			await expect(events.innerText()).resolves.toContain('Report Created');
			await events.click();
			const options = page.locator('.el-select-dropdown__item:visible');
			await options.first().waitFor();
			let labels = [];
			for (let i = 0; i < 40; i++) {
				labels = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
				if (labels.length === EVENT_LABELS.length) break;
				await page.waitForTimeout(250);
			}
			expect(labels).toEqual(EVENT_LABELS);
			await shot(page, '03-events');
			await page.keyboard.press('Escape');

			// trigger panel: our header, activation hint and "When will this node trigger my flow?" help
			await expect(panel.locator(testId('trigger-header')).innerText()).resolves.toBe(description.triggerPanel.header);
			await expect(panel.locator(testId('trigger-execute-button')).innerText()).resolves.toMatch(/Execute step|Listen for test event/);
			const help = panel.locator('.accordion').filter({ hasText: 'When will this node trigger my flow?' });
			await help.getByText('When will this node trigger my flow?').click();
			await expect(help.innerText()).resolves.toMatch(/While building your workflow.*"Execute step".*Test URL.*Production URL/s);

			// no parameter (nor the node) carries an error badge with the defaults
			await expect(page.locator(testId('parameter-issues')).count()).resolves.toBe(0);
			await expect(page.locator(testId('node-issues')).count()).resolves.toBe(0);
			await page.mouse.move(10, 890);
			await shot(page, '04-node-parameters', { docs: true });
		},
	);

	step('"Execute step", then a fixture posted to the Test URL, shows the typed item in the output panel', 'test-event', async () => {
		if (!(await ndv().isVisible())) await addTriggerToNewWorkflow();
		const panel = ndv();
		await panel.getByText('Webhook URLs', { exact: true }).click();
		const shown = (await panel.getByText(/\/webhook-test\//).innerText()).trim();
		const webhookId = shown.match(/\/webhook-test\/([0-9a-f-]{36})\/webhook$/)[1];
		expect(shown).toBe(n8n.webhookUrl(webhookId, { test: true }));

		await panel.locator(testId('trigger-execute-button')).click();
		await panel.getByText('Listening for test event').waitFor();
		await shot(page, '05-listening');

		const res = await n8n.post(n8n.webhookUrl(webhookId, { test: true, query: `?token=${TOKEN}` }), fixture);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'accepted', event: 'report_created', id: fixture.payload.id });

		const output = page.locator(testId('output-panel'));
		await output.locator(testId('ndv-data-container')).waitFor();
		await output.locator(testId('radio-button-schema')).click();
		// the schema view renders a moment after the click: read it once it shows the fields
		let text = '';
		const field = (name) => text.match(new RegExp(`^${name}\\n(.*)$`, 'm'))?.[1];
		for (const deadline = Date.now() + 20000; field('resourceType') === undefined && Date.now() < deadline; ) {
			text = await output.locator(testId('ndv-data-container')).innerText();
			if (field('resourceType') === undefined) await page.waitForTimeout(250);
		}
		expect(field('event')).toBe('report_created');
		expect(field('id')).toBe(fixture.payload.id);
		expect(field('state')).toBe(expectedState(fixture.payload));
		expect(field('resourceType')).toBe('report');
		await expect(output.getByText('1 item').count()).resolves.toBeGreaterThan(0);
		await closeToasts(page);
		await page.mouse.move(10, 890);
		await shot(page, '06-test-event-output', { docs: true });
	});

	step(
		'the "Keyclic Webhook Secret API" credential form: its field, hint and test (short token → error, long → OK)',
		'credential',
		async () => {
			await page.goto(`${n8n.baseUrl}/home/credentials/create`);
			await page.locator(testId('selectCredential-modal')).waitFor();
			await page.locator(testId('new-credential-type-select')).click();
			await page.keyboard.type('Keyclic');
			const types = page.locator(`${testId('new-credential-type-select-option')}:visible`);
			await expect(types.allInnerTexts()).resolves.toContain('Keyclic Webhook Secret API');
			await types.filter({ hasText: 'Keyclic Webhook Secret API' }).click();
			await page.locator(testId('new-credential-type-button')).click();

			const modal = page.locator(testId('editCredential-modal'));
			await modal.waitFor();
			await expect(modal.getByText('Keyclic Webhook Secret API', { exact: true }).count()).resolves.toBeGreaterThan(0);
			const field = modal.locator(testId('token'));
			await expect(field.locator('label.n8n-input-label').innerText()).resolves.toMatch(/^Secret Token\s*\*\s/);
			const input = modal.locator(`${testId('parameter-input-token')} input`);
			await expect(input.getAttribute('type')).resolves.toBe('password');
			await expect(modal.getByText(/At least 16 characters.*openssl rand -hex 32/).isVisible()).resolves.toBe(true);
			const docs = modal.getByRole('link', { name: 'docs' });
			await expect(docs.getAttribute('href')).resolves.toMatch(/^https:\/\/github\.com\/keyclic\/n8n-nodes-keyclic/);
			await shot(page, '07-credential-form');

			// n8n tests a credential when it is saved; "Retry" re-runs the test
			await input.fill('short');
			await modal.locator(testId('credential-save-button')).click();
			await modal.getByText('Couldn’t connect with these settings').waitFor();
			await modal.getByText('More details').click();
			await expect(modal.getByText(/The secret token is not usable: it must be at least 16 characters long/).isVisible()).resolves.toBe(
				true,
			);
			const retry = modal.getByRole('button', { name: 'Retry' });
			await expect(retry.isVisible()).resolves.toBe(true);
			await closeToasts(page);
			await shot(page, '08-credential-test-error');

			await input.fill('a-long-enough-secret-0123456789');
			await modal.locator(testId('credential-save-button')).click();
			await modal.getByText('Connection tested successfully').waitFor();
			await retry.click();
			await modal.getByText('Connection tested successfully').waitFor();
			await expect(modal.getByText('Couldn’t connect with these settings').isVisible()).resolves.toBe(false);
			await closeToasts(page);
			await page.mouse.move(10, 890);
			await shot(page, '09-credential-test', { docs: true });
			await page.keyboard.press('Escape');
		},
	);

	step('dark theme: the example workflow uses the dark icon variant', 'dark-theme', async () => {
		await page.emulateMedia({ colorScheme: 'dark' });
		try {
			await page.goto(`${n8n.baseUrl}/workflow/${EXAMPLE.id}`);
			const node = page.locator(`${testId('canvas-node')}[data-node-name="${TRIGGER}"]`);
			await node.waitFor();
			const icon = node.locator('img').first();
			await expect(icon.getAttribute('src')).resolves.toMatch(/keyclic\.dark\.svg$/);
			await expect(imageLoaded(icon)).resolves.toBe(true);
			const served = await page.request.get(new URL(await icon.getAttribute('src'), n8n.baseUrl).href);
			expect(await served.text()).toBe(svgOf('keyclic.dark.svg'));
			await expect(node.locator(testId('node-issues')).count()).resolves.toBe(0);
			await expect(node.innerText()).resolves.toContain('5 events');
			await page.mouse.move(10, 890);
			await shot(page, '10-workflow-dark', { docs: true });
		} finally {
			await page.emulateMedia({ colorScheme: 'light' });
		}
	});
});
