'use strict';
// The Keyclic (action) node in n8n's editor, in a real browser, against the local Keyclic emulator: the
// resource/operation panel of "Change State", and its transition picker filled from the report itself.
// Saves .e2e/ui-screenshots/21-keyclic-node-transitions.png (docs/images/keyclic-node-transitions.png
// with KEYCLIC_UPDATE_SCREENSHOTS=1). Then Report → Get Photos run from the editor: its output panel shows
// the photos in n8n's binary view (22-keyclic-node-photos.png).
const { createEmulator } = require('../keyclic-emulator');
const { SAMPLE_PHOTOS } = require('../keyclic-emulator/files/samples');
const { N8n } = require('../harness/n8n');
const { launchBrowser, loginInBrowser, closeToasts, shot, uiVersions } = require('../harness/browser');
const { emulatorApiCredential } = require('../harness/credentials');

jest.setTimeout(4 * 60 * 1000);

const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const testId = (id) => `[data-test-id="${id}"]`;
const CREDENTIAL = { id: 'keyclicApiUi00001', name: 'Keyclic API (emulator)' };

/** A workflow with one Keyclic node: Report → Change State of `reportId`, transition from the list. */
function changeStateWorkflow(reportId) {
	return {
		id: 'keyclicNodeUi0001',
		name: 'Keyclic node in the editor',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '5e6f7a8b-0000-4000-8000-00000000c001',
				name: 'Accept the Report',
				type: 'n8n-nodes-keyclic.keyclic',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					resource: 'report',
					operation: 'changeState',
					reportId,
					transition: { __rl: true, mode: 'list', value: '' },
				},
				credentials: { keyclicApi: CREDENTIAL },
			},
		],
		connections: {},
	};
}

/** Manual Trigger → Keyclic: Report → Get Photos of `reportId`, one item per photo. */
function getPhotosWorkflow(reportId) {
	return {
		id: 'keyclicNodeUi0002',
		name: 'Photos of a report',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '5e6f7a8b-0000-4000-8000-00000000c010',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '5e6f7a8b-0000-4000-8000-00000000c011',
				name: 'Get the Photos',
				type: 'n8n-nodes-keyclic.keyclic',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'report', operation: 'getPhotos', reportId, photoOutput: 'itemPerPhoto', binaryPropertyName: 'data' },
				credentials: { keyclicApi: CREDENTIAL },
			},
		],
		connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'Get the Photos', type: 'main', index: 0 }]] } },
	};
}

describe.each(uiVersions())('Keyclic node in the n8n %s editor (Chromium)', (version) => {
	let emu;
	let n8n;
	let browser;
	let page;
	let report;
	let photoReport;

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		report = await emu.createReport({ organization: ORG, description: "Fuite d'eau au plafond du hall B" });
		photoReport = await emu.createReport({ organization: ORG, description: 'Fuite sous l’évier de la cuisine' });
		for (const photo of SAMPLE_PHOTOS) emu.addPhoto('report', photoReport.id, photo);
		n8n = await N8n.create({ version, name: `ui-node-${version}` });
		n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
		n8n.importWorkflows([changeStateWorkflow(report.id), getPhotosWorkflow(photoReport.id)]);
		await n8n.start();
		browser = await launchBrowser();
		page = browser.page;
		await loginInBrowser(browser.context, n8n);
	});

	afterAll(async () => {
		if (browser) await browser.close();
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
	});

	test('Report → Change State: the panel shows resource and operation; the transition list is what the report allows', async () => {
		try {
			await page.goto(`${n8n.baseUrl}/workflow/keyclicNodeUi0001`);
			const node = page.locator(`${testId('canvas-node')}[data-node-name="Accept the Report"]`);
			await node.waitFor();
			await node.dblclick();
			const panel = page.locator(testId('ndv'));
			await panel.waitFor();
			await expect(panel.locator(`${testId('parameter-input-resource')} input`).inputValue()).resolves.toBe('Report');
			await expect(panel.locator(`${testId('parameter-input-operation')} input`).inputValue()).resolves.toBe('Change State');
			await expect(
				panel
					.locator(`${testId('parameter-input-reportId')} input, ${testId('parameter-input-reportId')} textarea`)
					.first()
					.inputValue(),
			).resolves.toBe(report.id);

			// the picker reads the report from the emulator: a NEW report offers accept and refuse
			const locator = panel.locator(testId('resource-locator-transition'));
			await locator.locator(testId('rlc-input')).click();
			const items = page.locator(`${testId('rlc-item')}:visible`);
			await items.first().waitFor({ timeout: 30000 });
			const labels = (await items.allInnerTexts()).map((t) => t.trim());
			expect(labels).toEqual(['Accepter → Acceptée', 'Refuser → Refusée']);
			expect(emu.state.reports.find((r) => r.id === report.id).state).toBe('NEW');
			await closeToasts(page);
			await shot(page, '21-keyclic-node-transitions', { docs: true });

			// picking one stores the transition the report lists (its id)
			await items.first().click();
			const accept = report._embedded.workflow.transitions.find((t) => t.to.key === 'ACCEPTED');
			await expect(locator.locator(testId('rlc-input')).inputValue()).resolves.toBe('Accepter → Acceptée');
			await page.keyboard.press('Escape');
			await page.keyboard.press('Control+s');
			let saved;
			for (const deadline = Date.now() + 20000; Date.now() < deadline; await page.waitForTimeout(250)) {
				const wf = (await n8n.publicApi('GET', '/workflows/keyclicNodeUi0001')).body;
				saved = wf.nodes && wf.nodes[0].parameters.transition;
				if (saved && saved.value) break;
			}
			expect(saved).toMatchObject({ mode: 'list', value: accept.id });
		} catch (e) {
			await shot(page, 'failed-keyclic-node').catch(() => {});
			throw e;
		}
	});

	test('Report → Get Photos run from the editor: the output panel shows each photo in the binary view', async () => {
		try {
			await page.goto(`${n8n.baseUrl}/workflow/keyclicNodeUi0002`);
			const node = page.locator(`${testId('canvas-node')}[data-node-name="Get the Photos"]`);
			await node.waitFor();
			await node.dblclick();
			const panel = page.locator(testId('ndv'));
			await panel.waitFor();
			await panel.locator(testId('node-execute-button')).first().click();
			// n8n switches its output panel to the binary view when the items carry binary data: a card per item
			const cards = panel.locator(`${testId('ndv-binary-data_0')}, ${testId('ndv-binary-data_1')}`);
			await cards.nth(1).waitFor({ timeout: 60000 });
			const texts = await cards.allInnerTexts();
			expect(texts).toHaveLength(2);
			SAMPLE_PHOTOS.forEach((photo, i) => {
				expect(texts[i]).toContain(photo.name);
				expect(texts[i]).toContain(photo.contentType);
			});
			// the bytes came from the file host the report's photo links point to
			const fetched = emu.fileHost.requests.filter((r) => r.method === 'GET').map((r) => r.path);
			for (const photo of emu.photos('report', photoReport.id)) expect(fetched).toContain(new URL(photo.href).pathname);
			await closeToasts(page);
			await shot(page, '22-keyclic-node-photos', { docs: true });
			await page.keyboard.press('Escape');
		} catch (e) {
			await shot(page, 'failed-keyclic-node-photos').catch(() => {});
			throw e;
		}
	});
});
