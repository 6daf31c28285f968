'use strict';
// The release path, as a maintainer runs it, up to the push: in a temporary git repository made from the
// package (its files as they are in this working tree), with a local bare repository as `origin`,
// `npm run release` (n8n's `n8n-node release`: lint and build, then release-it bumps the version, runs
// `npx auto-changelog -p`, commits, tags and pushes). Then the package checks on the result.
//
// It cannot publish anything, wherever it runs (the Publish workflow runs `npm test` with GITHUB_ACTIONS
// set, under which `n8n-node release` publishes): the release runs without GITHUB_ACTIONS, tokens or OIDC
// variables, without any GIT_* variable (a git hook's GIT_DIR would point at this repository), with npm's
// registry on a closed local port (so `npx` cannot fetch anything either: auto-changelog must be the pinned
// devDependency) and an empty npm user config. CI=true makes release-it take its defaults instead of
// prompting (patch increment, commit, tag, push), as a maintainer pressing Enter would.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('../harness/ports');
const { ROOT, ALLOWED_FILE, pack, tarballFiles, unpack, scan, nodeLint, changelogSection } = require('./checks');

const MARKER = '<!-- auto-changelog-above -->';
const original = require(path.join(ROOT, 'package.json'));
const originalChangelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');

const SECRET =
	/^(GITHUB_ACTIONS|GITHUB_TOKEN|GH_TOKEN|NODE_AUTH_TOKEN|NPM_TOKEN|RELEASE_MODE|ACTIONS_ID_TOKEN_.*|GIT_.*|NODE_ENV|npm_.*)$/i;

let tmp;
let repo;
let origin;
let env;

function git(args, cwd = repo) {
	return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

/** `npm run release` in the copy; returns its output, or throws with it. */
function release() {
	const r = spawnSync('npm', ['run', 'release'], { cwd: repo, env, encoding: 'utf8', timeout: 240000 });
	const output = `${r.stdout}${r.stderr}`;
	if (r.status !== 0) throw new Error(`npm run release failed (exit ${r.status}, signal ${r.signal}):\n${output.slice(-4000)}`);
	return output;
}

const version = () => JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version;
const changelog = () => fs.readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8');

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-release-'));
	repo = path.join(tmp, 'n8n-nodes-keyclic');
	origin = path.join(tmp, 'origin.git');
	const npmrc = path.join(tmp, 'user.npmrc');
	fs.writeFileSync(npmrc, '');
	const gitconfig = path.join(tmp, 'gitconfig');
	fs.writeFileSync(
		gitconfig,
		'[user]\n\tname = Keyclic Maintainer\n\temail = maintainer@keyclic.example\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n',
	);
	env = {
		...Object.fromEntries(Object.entries(process.env).filter(([k]) => !SECRET.test(k))),
		CI: 'true',
		GIT_CONFIG_GLOBAL: gitconfig,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_TERMINAL_PROMPT: '0',
		npm_config_registry: `http://127.0.0.1:${await freePort()}/`,
		npm_config_userconfig: npmrc,
		npm_config_update_notifier: 'false',
	};

	// the package as this working tree has it: tracked and new files, not what .gitignore leaves out
	const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((f) => f && fs.existsSync(path.join(ROOT, f)));
	for (const f of files) {
		fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
		fs.copyFileSync(path.join(ROOT, f), path.join(repo, f));
	}
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
	git(['init', '--quiet', '--bare', origin], tmp);
	git(['init', '--quiet', '--initial-branch=main']);
	fs.appendFileSync(path.join(repo, '.git', 'info', 'exclude'), 'node_modules\n');
	git(['add', '--all']);
	git(['commit', '--quiet', '--message', 'The package as it stands']);
	git(['remote', 'add', 'origin', origin]);
	git(['push', '--quiet', '--set-upstream', 'origin', 'main']);
}, 60000);

afterAll(() => {
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	fs.rmSync(path.join(ROOT, '.e2e', 'release-check'), { recursive: true, force: true });
});

describe('npm run release, in a copy of the repository with a local origin', () => {
	let first;
	let second;
	let next;

	test('the first release bumps the version, writes its CHANGELOG section, commits, tags and pushes; nothing is published', () => {
		const output = release();
		next = version();
		expect(next).not.toBe(original.version);
		expect(next.split('.').slice(0, 2)).toEqual(original.version.split('.').slice(0, 2)); // a patch release
		expect(git(['tag', '--list'], origin)).toBe(next);
		expect(git(['rev-parse', `${next}^{commit}`], origin)).toBe(git(['rev-parse', 'HEAD']));
		expect(git(['log', '-1', '--format=%s', 'main'], origin)).toBe(`Release ${next}`);
		expect(git(['status', '--porcelain'])).toBe('');
		expect(output).toContain('The node was not published to NPM');
		expect(output).not.toMatch(/npm publish|\+ n8n-nodes-keyclic@/);

		first = changelog();
		expect(changelogSection(first, next)).toContain('- The package as it stands');
		// the header is what the committed CHANGELOG has above its first section
		const head = originalChangelog.slice(0, originalChangelog.indexOf(MARKER));
		expect(first.startsWith(`${head}${MARKER}\n\n## ${next}\n`)).toBe(true);
		// every hand-written section stays as it was
		expect(first.endsWith(`\n${originalChangelog.slice(originalChangelog.indexOf(MARKER))}`)).toBe(true);
		expect(changelogSection(first, original.version)).toBe(changelogSection(originalChangelog, original.version));
	}, 300000);

	test('the released package passes the tarball checks', () => {
		expect(next).toBeDefined();
		// packed and unpacked inside this repository (git- and jest-ignored) so that `n8n-node lint` finds eslint in node_modules
		const work = path.join(ROOT, '.e2e', 'release-check');
		const tarball = pack(repo, path.join(work, 'tarball'));
		const files = tarballFiles(tarball);
		expect(files.filter((f) => !ALLOWED_FILE.test(f))).toEqual([]);
		for (const f of [...original.n8n.nodes, ...original.n8n.credentials]) expect(files).toContain(f);
		const unpacked = unpack(tarball, path.join(work, 'unpacked'));
		expect(JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')).version).toBe(next);
		const scanned = scan(unpacked, 'tarball');
		expect(scanned.details ?? '').toBe('');
		expect(scanned.passed).toBe(true);
		const lint = nodeLint(unpacked);
		expect(lint.output).not.toMatch(/error|Strict mode violation/i);
		expect(lint.status).toBe(0);
	}, 180000);

	test('the next release lists only the commits since the previous one and keeps the sections written before', () => {
		expect(first).toBeDefined();
		// conventional subjects, grouped by type as n8n's CHANGELOG is; docs/test/chore… left out as n8n leaves them out
		const commits = [
			'fix(Keyclic Trigger): Refuse what it cannot identify',
			'feat(Keyclic Node): Add a resource\n\nfix: a body line is not a type',
			'docs: A change after the first release',
		];
		for (const [i, message] of commits.entries()) {
			fs.appendFileSync(path.join(repo, 'README.md'), `\nChange ${i} after the first release.\n`);
			git(['commit', '--quiet', '--all', '--message', message]);
		}
		// a maintainer's note, added by hand to the released section, survives the next release
		const annotated = first.replace(`## ${next}\n`, `## ${next}\n\nA hand-written note.\n`);
		fs.writeFileSync(path.join(repo, 'CHANGELOG.md'), annotated);
		git(['commit', '--quiet', '--all', '--message', `Changelog: a note for ${next}`]);
		git(['push', '--quiet']);

		release();
		const latest = version();
		expect(git(['tag', '--list'], origin).split('\n').sort()).toEqual([next, latest].sort());
		second = changelog();
		const section = changelogSection(second, latest);
		const listed = section
			.split('\n')
			.filter((l) => l.startsWith('- '))
			.map((l) => l.replace(/ \(\[[0-9a-f]+\]\(.*\)\)$/, ''))
			.sort();
		expect(listed).toEqual([
			'- **Keyclic Node:** Add a resource',
			'- **Keyclic Trigger:** Refuse what it cannot identify',
			`- Changelog: a note for ${next}`,
		]);
		expect(section.split('\n').filter((l) => l.startsWith('### '))).toEqual(['### Bug Fixes', '### Features', '### Other Changes']);
		expect(section).toMatch(/### Bug Fixes\n\n- \*\*Keyclic Trigger:\*\* Refuse what it cannot identify( \(|$)/m);
		expect(section).toMatch(/### Features\n\n- \*\*Keyclic Node:\*\* Add a resource( \(|$)/m);
		expect(second.endsWith(`\n${annotated.slice(annotated.indexOf(MARKER))}`)).toBe(true);
		expect(changelogSection(second, next)).toContain('A hand-written note.');
	}, 300000);
});
