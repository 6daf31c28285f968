'use strict';
// Photos: stored per report (its feedback) and operation, linked in the spec's shapes, uploaded through
// the era's route (images s18–s21, attachments s25), served by the separate file host.
const crypto = require('node:crypto');
const { login, request, useEmulator } = require('./helpers');

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGOQqzghV3GCAUIBACOuBXkP+H/6AAAAAElFTkSuQmCC', 'base64');
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');

async function fetchBytes(url, headers = {}) {
	const res = await fetch(url, { headers });
	return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('emulator: photos (legacy era, s18–s21)', () => {
	const session = useEmulator({ login: true });
	const newReport = async () =>
		(await session.api.post('/reports', { token: session.token, body: { organization: session.org, description: 'Leak' } })).body;

	test('a report links its feedback; the feedback links its photos (images[] and the first as image); the file host serves the bytes', async () => {
		const { emu, api, token } = session;
		const r = await newReport();
		emu.addPhoto('report', r.id, { name: 'a.png', contentType: 'image/png', bytes: PNG });
		emu.addPhoto('report', r.id, { name: 'b b.png', contentType: 'image/png', bytes: Buffer.from('second') });
		const report = (await api.get(`/reports/${r.id}`, { token })).body;
		const feedback = await api.get(report._links.feedback.href, { token });
		expect(feedback.status).toBe(200);
		expect(feedback.body).toMatchObject({ type: 'Feedback', _links: { report: { href: `/reports/${r.id}` } } });
		const hrefs = feedback.body._links.images.map((l) => l.href);
		expect(hrefs).toHaveLength(2);
		expect(feedback.body._links.image.href).toBe(hrefs[0]);
		expect(hrefs[0].startsWith(`${emu.fileHost.url}/files/`)).toBe(true);
		const first = await fetchBytes(hrefs[0]);
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toBe('image/png');
		expect(first.headers.get('content-length')).toBe(String(PNG.length));
		expect(sha(first.bytes)).toBe(sha(PNG));
		const second = await fetchBytes(hrefs[1]);
		expect(second.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''b%20b.png");
		expect(emu.fileHost.requests.map((q) => q.path)).toEqual([new URL(hrefs[0]).pathname, new URL(hrefs[1]).pathname]);
	});

	test('POST /operations/{id}/images takes a base64 data URI, links it from the operation; DELETE removes it; attachments is not a route', async () => {
		const { emu, api, token } = session;
		const r = await newReport();
		const op = (await api.post('/operations', { token, body: { report: r.id, name: 'Fix' } })).body;
		expect(op._links.images).toEqual([]);
		const res = await api.post(`/operations/${op.id}/images`, {
			token,
			body: { image: `data:image/png;base64,${PNG.toString('base64')}` },
		});
		expect(res.status).toBe(200);
		expect(res.body._links.images).toHaveLength(1);
		const [photo] = emu.photos('operation', op.id);
		expect(photo).toMatchObject({ contentType: 'image/png', size: PNG.length, sha256: sha(PNG) });
		expect(sha((await fetchBytes(res.body._links.images[0].href)).bytes)).toBe(sha(PNG));
		const bad = await api.post(`/operations/${op.id}/images`, { token, body: { image: 'data:application/pdf;base64,JVBERi0=' } });
		expect(bad.status).toBe(400);
		expect(bad.body._embedded.errors[0]).toMatchObject({ path: 'image' });
		expect((await api.post(`/operations/${op.id}/images`, { token, body: { image: 'not base64!' } })).status).toBe(400);
		expect((await api.post(`/operations/${op.id}/attachments`, { token, body: { content: 'AA==' } })).status).toBe(404);
		expect((await api.delete(`/operations/${op.id}/images/${photo.id}`, { token })).status).toBe(204);
		expect(emu.photos('operation', op.id)).toEqual([]);
		expect((await api.delete(`/operations/${op.id}/images/${photo.id}`, { token })).status).toBe(404);
	});

	test('POST /reports (emulator-only) takes photos: stored on its feedback before reportCreated goes out; a bad photo creates nothing', async () => {
		const { emu, api, token, org } = session;
		const atNotification = [];
		const onNotification = ({ payload }) => atNotification.push(emu.photos('report', payload.id).map((p) => p.sha256));
		emu.events.on('notification', onNotification);
		try {
			const photos = [
				{ name: 'leak.png', contentType: 'image/png', content: PNG.toString('base64') },
				{ name: 'wall.jpg', contentType: 'image/jpeg', content: `data:image/jpeg;base64,${Buffer.from('jpeg bytes').toString('base64')}` },
			];
			const res = await api.post('/reports', { token, body: { organization: org, description: 'Leak', photos } });
			expect(res.status).toBe(201);
			expect(atNotification).toEqual([[sha(PNG), sha(Buffer.from('jpeg bytes'))]]);
			expect(emu.photos('report', res.body.id).map((p) => [p.name, p.contentType])).toEqual([
				['leak.png', 'image/png'],
				['wall.jpg', 'image/jpeg'],
			]);
			const before = emu.state.reports.length;
			const bad = await api.post('/reports', {
				token,
				body: {
					organization: org,
					description: 'Leak',
					photos: [{ name: 'q.pdf', contentType: 'application/pdf', content: 'JVBERi0=' }, {}],
				},
			});
			expect(bad.status).toBe(400);
			expect(bad.body._embedded.errors.map((e) => e.path)).toEqual([
				'photos[0].contentType',
				'photos[1].content',
				'photos[1].contentType',
				'photos[1].name',
			]);
			expect(emu.state.reports.length).toBe(before);
		} finally {
			emu.events.off('notification', onNotification);
		}
	});

	test('a body of 20 MB of base64 is accepted', async () => {
		const { emu, api, token } = session;
		const r = await newReport();
		const op = (await api.post('/operations', { token, body: { report: r.id, name: 'Big' } })).body;
		const big = crypto.randomBytes(20 * 1024 * 1024);
		const res = await api.post(`/operations/${op.id}/images`, {
			token,
			body: { image: `data:image/jpeg;base64,${big.toString('base64')}` },
		});
		expect(res.status).toBe(200);
		expect(emu.photos('operation', op.id)[0].sha256).toBe(sha(big));
	}, 60000); // 20 MiB through JSON, base64 and SHA-256: over jest's 5 s default on a loaded 2-core machine (seen in a run)

	test('photos need the login like the resource they belong to', async () => {
		const { api } = session;
		const r = await newReport();
		const report = (await api.get(`/reports/${r.id}`, { token: session.token })).body;
		expect((await api.get(report._links.feedback.href)).status).toBe(401);
		expect((await api.get('/feedbacks/00000000-0000-4000-8000-000000000000', { token: session.token })).status).toBe(404);
	});
});

describe('emulator: photos (2025 era, s25)', () => {
	const session = useEmulator({ login: true, options: { payloadEra: '2025', errorFormat: 'problem' } });

	test('POST /operations/{id}/attachments takes FileData {content, contentType (enum), name}; images is not a route', async () => {
		const { emu, api, token, org } = session;
		const r = (await api.post('/reports', { token, body: { organization: org, description: 'Leak' } })).body;
		const op = (await api.post('/operations', { token, body: { report: r.id, name: 'Fix' } })).body;
		const ok = await api.post(`/operations/${op.id}/attachments`, {
			token,
			body: { content: PNG.toString('base64'), contentType: 'image/png', name: 'after.png' },
		});
		expect(ok.status).toBe(200);
		expect(ok.body._links.images).toHaveLength(1);
		expect(ok.body._links.image).toBeUndefined();
		expect(emu.photos('operation', op.id)[0]).toMatchObject({ name: 'after.png', contentType: 'image/png', sha256: sha(PNG) });
		const bad = await api.post(`/operations/${op.id}/attachments`, { token, body: { content: 'AA==', contentType: 'image/gif' } });
		expect(bad.status).toBe(400);
		// the 2025 era answers in s25's Problem format (no field path: the detail names the field)
		expect(bad.body.detail).toMatch(/^contentType: /);
		expect((await api.post(`/operations/${op.id}/attachments`, { token, body: { name: 'x' } })).status).toBe(400);
		expect((await api.post(`/operations/${op.id}/images`, { token, body: { image: 'AA==' } })).status).toBe(404);
		const [photo] = emu.photos('operation', op.id);
		expect((await api.delete(`/operations/${op.id}/attachments/${photo.id}`, { token })).status).toBe(204);
		expect(emu.photos('operation', op.id)).toEqual([]);
	});
});

describe('emulator: fileLinks "api" (relative hrefs the API serves with its login)', () => {
	const session = useEmulator({ login: true, options: { fileLinks: 'api' } });

	test('photo links are relative; their bytes need the app key and the bearer', async () => {
		const { emu, api, token, org } = session;
		const r = (await api.post('/reports', { token, body: { organization: org, description: 'Leak' } })).body;
		emu.addPhoto('report', r.id, { name: 'a.png', contentType: 'image/png', bytes: PNG });
		const report = (await api.get(`/reports/${r.id}`, { token })).body;
		const [link] = (await api.get(report._links.feedback.href, { token })).body._links.images;
		expect(link.href.startsWith('/_emulator/files/')).toBe(true);
		expect((await request(emu.url, 'GET', link.href)).status).toBe(401);
		const ok = await fetchBytes(`${emu.url}${link.href}`, {
			'x-keyclic-app': emu.seed.appKey,
			authorization: `Bearer ${await login(emu)}`,
		});
		expect(ok.status).toBe(200);
		expect(sha(ok.bytes)).toBe(sha(PNG));
		expect(emu.fileRequests).toHaveLength(2);
	});
});

describe('emulator: seedSampleData', () => {
	const session = useEmulator({ login: true, options: { seedSampleData: true } });

	test('the first sample report has two PNG photos and a PDF document', async () => {
		const { emu, api, token, org } = session;
		const list = (await api.get(`/organizations/${org}/reports`, { token })).body._embedded.items;
		const withPhotos = list.filter((r) => emu.photos('report', r.id).length > 0);
		expect(withPhotos).toHaveLength(1);
		expect(emu.photos('report', withPhotos[0].id).map((p) => p.contentType)).toEqual(['image/png', 'image/png']);
		const docs = (await api.get(`/reports/${withPhotos[0].id}/documents`, { token })).body._embedded.items;
		expect(docs.map((d) => d.file)).toEqual([{ name: 'plumber-quote.pdf', contentType: 'application/pdf' }]);
		const pdf = Buffer.from(await (await fetch(docs[0]._links.file.href)).arrayBuffer());
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(sha(pdf)).toBe(emu.documents('report', withPhotos[0].id)[0].sha256);
	});
});
