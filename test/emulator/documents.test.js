'use strict';
// Documents: POST with the era's DocumentData (base64 or data-URI content, the spec's contentType enum),
// listed on reports (and operations in s25), GET and DELETE /documents/{id}, bytes at _links.file.href.
const crypto = require('node:crypto');
const { useEmulator } = require('./helpers');

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
const body = (over = {}) => ({
	container: 'report',
	type: 'invoice',
	file: { content: `data:application/pdf;base64,${PDF.toString('base64')}`, contentType: 'application/pdf', name: 'quote.pdf' },
	permission: { targetGroup: 'ROLE_ADMIN' },
	...over,
});

describe('emulator: documents (legacy era, s20–s21)', () => {
	const session = useEmulator({ login: true });

	test('POST /reports/{id}/documents stores the file; list, get, bytes at _links.file.href, delete', async () => {
		const { api, token, org } = session;
		const r = (await api.post('/reports', { token, body: { organization: org, description: 'Leak' } })).body;
		const created = await api.post(`/reports/${r.id}/documents`, { token, body: body() });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			type: 'Document',
			file: { name: 'quote.pdf', contentType: 'application/pdf' },
			permission: { targetGroup: 'ROLE_ADMIN' },
		});
		const list = await api.get(`/reports/${r.id}/documents`, { token });
		expect(list.body._embedded.items.map((d) => d.id)).toEqual([created.body.id]);
		const one = await api.get(`/documents/${created.body.id}`, { token });
		const bytes = Buffer.from(await (await fetch(one.body._links.file.href)).arrayBuffer());
		expect(sha(bytes)).toBe(sha(PDF));
		expect((await api.delete(`/documents/${created.body.id}`, { token })).status).toBe(204);
		expect((await api.get(`/documents/${created.body.id}`, { token })).status).toBe(404);
	});

	test('refused as Keyclic would: missing permission or file fields, a content type outside the enum; no operation documents', async () => {
		const { api, token, org } = session;
		const r = (await api.post('/reports', { token, body: { organization: org, description: 'Leak' } })).body;
		const noPermission = await api.post(`/reports/${r.id}/documents`, { token, body: body({ permission: undefined }) });
		expect(noPermission.status).toBe(400);
		expect(noPermission.body._embedded.errors.map((e) => e.path)).toEqual(['permission']);
		const noName = await api.post(`/reports/${r.id}/documents`, {
			token,
			body: body({ file: { content: 'AA==', contentType: 'application/pdf' } }),
		});
		expect(noName.body._embedded.errors.map((e) => e.path)).toEqual(['file.name']);
		const gif = await api.post(`/reports/${r.id}/documents`, {
			token,
			body: body({ file: { content: 'AA==', contentType: 'image/gif', name: 'a.gif' } }),
		});
		expect(gif.body._embedded.errors.map((e) => e.path)).toEqual(['file.contentType']);
		const op = (await api.post('/operations', { token, body: { report: r.id, name: 'Fix' } })).body;
		expect((await api.post(`/operations/${op.id}/documents`, { token, body: body() })).status).toBe(404);
	});
});

describe('emulator: documents (2025 era, s25)', () => {
	const session = useEmulator({ login: true, options: { payloadEra: '2025', errorFormat: 'problem' } });

	test('operations have documents too; only the file content is required; state is given', async () => {
		const { api, token, org } = session;
		const r = (await api.post('/reports', { token, body: { organization: org, description: 'Leak' } })).body;
		const op = (await api.post('/operations', { token, body: { report: r.id, name: 'Fix' } })).body;
		const created = await api.post(`/operations/${op.id}/documents`, { token, body: { file: { content: PDF.toString('base64') } } });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ state: 'PUBLISHED', file: { contentType: 'application/octet-stream' } });
		expect((await api.get(`/operations/${op.id}/documents`, { token })).body._embedded.items).toHaveLength(1);
	});
});
