'use strict';
// The run folders of `npm start` and `npm run dev` (scripts/local/run-folders.js): one scheme, and the layouts
// before it moved into it with what the user built (a runs folder of each earlier layout, in a temporary folder).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

let runs;
let folders;
const saved = process.env.KEYCLIC_RUNS_DIR;

beforeEach(() => {
	runs = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-run-folders-'));
	process.env.KEYCLIC_RUNS_DIR = runs;
	folders = require('../../scripts/local/run-folders');
});

afterEach(() => {
	if (saved === undefined) delete process.env.KEYCLIC_RUNS_DIR;
	else process.env.KEYCLIC_RUNS_DIR = saved;
	fs.rmSync(runs, { recursive: true, force: true });
});

/** Writes `files` ({ relative path: content }) under the runs folder. */
function layout(files) {
	for (const [file, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(runs, file)), { recursive: true });
		fs.writeFileSync(path.join(runs, file), content);
	}
}

const read = (file) => fs.readFileSync(path.join(runs, file), 'utf8');

test('npm start keeps start/<version>, npm run dev dev/<version>, send-event reads the demo connection', () => {
	expect(folders.runName('demo', '2.41.1')).toBe('start/2.41.1');
	expect(folders.runName('dev', '1.123.81')).toBe('dev/1.123.81');
	expect(folders.connectionFile('2.41.1')).toBe(path.join(runs, 'start', '2.41.1', 'connection.json'));
	expect(folders.lastConnectionFile()).toBe(path.join(runs, 'start', 'last-connection.json'));
});

test("the per-version npm start folders (dev/<version> with a connection) and npm run dev's (dev-watch-<version>) move, data kept", () => {
	layout({
		'dev/2.41.1/connection.json': '{"token":"a"}',
		'dev/2.41.1/main/.n8n/database.sqlite': 'db 2',
		'dev/1.123.81/connection.json': '{"token":"b"}',
		'dev-watch-2.41.1/main/.n8n/database.sqlite': 'dev db',
		'dev-connection.json': '{"version":"2.41.1"}',
		'e2e.123/main/x': 'a test run, left alone',
	});
	const moved = [];
	folders.migrateRunFolders((m) => moved.push(m));
	expect(read('start/2.41.1/main/.n8n/database.sqlite')).toBe('db 2');
	expect(read('start/1.123.81/connection.json')).toBe('{"token":"b"}');
	expect(read('dev/2.41.1/main/.n8n/database.sqlite')).toBe('dev db');
	expect(read('start/last-connection.json')).toBe('{"version":"2.41.1"}');
	expect(fs.existsSync(path.join(runs, 'dev-watch-2.41.1'))).toBe(false);
	expect(fs.existsSync(path.join(runs, 'dev-connection.json'))).toBe(false);
	expect(read('e2e.123/main/x')).toBe('a test run, left alone');
	expect(moved).toHaveLength(3);
	// a second start finds nothing left to move
	folders.migrateRunFolders((m) => moved.push(m));
	expect(moved).toHaveLength(3);
});

test('the one-folder npm start layout (dev/main) becomes start/<the version it ran>', () => {
	layout({ 'dev/main/.n8n/database.sqlite': 'oldest', 'dev-connection.json': '{"version":"1.123.81"}', 'dev-watch-2.41.1/main/x': 'dev' });
	folders.migrateRunFolders();
	expect(read('start/1.123.81/main/.n8n/database.sqlite')).toBe('oldest');
	expect(read('dev/2.41.1/main/x')).toBe('dev');
});

test('a folder of the new layout is never overwritten: the old one stays where it was', () => {
	layout({ 'start/2.41.1/connection.json': 'new', 'dev/2.41.1/connection.json': 'old' });
	folders.migrateRunFolders();
	expect(read('start/2.41.1/connection.json')).toBe('new');
	expect(read('dev/2.41.1/connection.json')).toBe('old');
});
