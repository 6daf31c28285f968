// The executeContext builder, for action nodes: a minimal node of this package's shape runs in n8n's
// real ExecuteContext (parameters with expressions, the Keyclic API credential, an authenticated request to the emulator).
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { apiCredential, emulatorHttp, keyclicGet, startEmulator } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';
import { executeContext } from './helpers/n8n';

class ReadReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Read Report',
		name: 'readReport',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Read Report' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'keyclicApi', required: true }],
		properties: [{ displayName: 'Report ID', name: 'reportId', type: 'string', default: '' }],
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('keyclicApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const id = this.getNodeParameter('reportId', i) as string;
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'keyclicApi', {
				method: 'GET',
				url: `${String(credentials.baseUrl)}/reports/${id}`,
				json: true,
			});
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}

let emu: Emulator;
// a stopped clock: the report's durations do not change between the node's read and the test's
beforeAll(async () => (emu = await startEmulator({ clock: () => Date.parse('2025-05-01T08:00:00Z') })));
afterAll(async () => await emu.close());

describe('executeContext (for action nodes)', () => {
	it('resolves expressions per item, authenticates with the credential and returns what the API said', async () => {
		const organization = emu.seed.organizations[0].id;
		const r1 = emu.createReport({ organization, description: 'r1' }).id;
		const r2 = emu.createReport({ organization, description: 'r2' }).id;
		const sent: SentRequest[] = [];
		const credential = apiCredential(emu, { language: 'fr-FR' });
		const { context } = executeContext({
			nodeType: new ReadReport(),
			parameters: { reportId: '={{ $json.report }}' },
			credentials: { keyclicApi: credential },
			items: [{ json: { report: r1 } }, { json: { report: r2 } }],
			http: emulatorHttp(sent),
		});
		const [items] = await new ReadReport().execute.call(context);
		expect(items.map((item) => item.json)).toEqual([await keyclicGet(emu, `/reports/${r1}`), await keyclicGet(emu, `/reports/${r2}`)]);
		expect(sent.map((request) => request.path)).toEqual([`/reports/${r1}`, `/reports/${r2}`]);
		expect(sent[0].credentialType).toBe('keyclicApi');
		expect(sent[0].headers).toMatchObject({
			Authorization: `Bearer ${String(credential.accessToken)}`,
			'X-Keyclic-App': 'com.keyclic.app',
			'Accept-Language': 'fr-FR',
		});
	});

	it('without the required credential, n8n refuses before any request', async () => {
		const sent: SentRequest[] = [];
		const { context } = executeContext({ nodeType: new ReadReport(), parameters: { reportId: 'r1' }, http: emulatorHttp(sent) });
		await expect(new ReadReport().execute.call(context)).rejects.toThrow('Node does not have any credentials set');
		expect(sent).toEqual([]);
	});
});
