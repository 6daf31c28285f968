#!/usr/bin/env node
'use strict';
// node test/keyclic-emulator/cli.js [--port 8090] [--snake-case] [--seed] [--payload-era 2025]
//   [--token-lifetime 86400] [--quiet] [--help]
// Prints the URL and the demo credentials, logs deliveries, runs until SIGINT/SIGTERM.
const { createEmulator } = require('./index');

const USAGE = `Usage: node test/keyclic-emulator/cli.js [options]
  --port <n>                 port on 127.0.0.1 (default 8090, 0 = any free port)
  --host <h>                 127.0.0.1 (default), localhost or ::1
  --snake-case               send snake_case event names (report_created…) instead of camelCase
  --seed                     add sample reports/operations to the demo organizations
  --payload-era <era>        legacy (default, API 2020) or 2025 (API 2022+: workflow payloads, no webhook routes)
  --error-format <f>         vnd (legacy default, vnd.error up to API 2.17.1) or problem (2025 default)
  --token-lifetime <s>       access token lifetime in seconds (default 86400)
  --utc-offset <min>         offset used in dates, minutes east of UTC (default 0)
  --allow-non-loopback-deliveries  also deliver to non-loopback payloadUrls (off by default)
  --tickets-host <h>         same (default) or separate: the 2025 Tickets API on a port of its own
  --tickets-token <t>        login (default) or exchange: v3 takes only a token POST /auth/token gave
  --tickets-strict           unknown /tickets parameters and a limit over 50 are 400s (default: ignored, clamped)
  --state-change-keeps-updated-at  a state change does not move updatedAt (default: it does)
  --quiet                    print only the start banner
  --help                     this text`;

function parseArgs(argv) {
	const opts = { port: 8090 };
	const flags = { quiet: false };
	const value = (i, name) => {
		if (i >= argv.length) throw new Error(`${name} needs a value`);
		return argv[i];
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--help' || a === '-h') flags.help = true;
		else if (a === '--port') opts.port = Number(value(++i, a));
		else if (a === '--host') opts.host = value(++i, a);
		else if (a === '--snake-case') opts.eventNames = 'snake';
		else if (a === '--seed') opts.seedSampleData = true;
		else if (a === '--payload-era') opts.payloadEra = value(++i, a);
		else if (a === '--error-format') opts.errorFormat = value(++i, a);
		else if (a === '--token-lifetime') opts.tokenLifetimeSeconds = Number(value(++i, a));
		else if (a === '--utc-offset') opts.utcOffsetMinutes = Number(value(++i, a));
		else if (a === '--allow-non-loopback-deliveries') opts.allowNonLoopbackDeliveries = true;
		else if (a === '--tickets-host') opts.ticketsHost = value(++i, a);
		else if (a === '--tickets-token') opts.ticketsToken = value(++i, a);
		else if (a === '--tickets-strict') Object.assign(opts, { ticketsUnknownInput: 'reject', ticketsLimitOver50: 'reject' });
		else if (a === '--state-change-keeps-updated-at') opts.stateChangeTouchesUpdatedAt = false;
		else if (a === '--quiet') flags.quiet = true;
		else throw new Error(`unknown argument ${a}`);
	}
	return { opts, flags };
}

async function main() {
	let parsed;
	try {
		parsed = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${err.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (parsed.flags.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const emu = await createEmulator(parsed.opts);
	const info = emu.info();
	const out = (line) => process.stdout.write(`${line}\n`);
	out(`Keyclic emulator listening on ${emu.url}`);
	out(`  login:         POST ${emu.url}/security/login  {"login":"${info.credentials.login}","password":"${info.credentials.password}"}`);
	out(`  app key:       X-Keyclic-App: ${info.appKey}`);
	for (const o of info.organizations) out(`  organization:  ${o.id}  ${o.name}`);
	out(`  technician:    member ${info.technician.memberId} (person ${info.technician.personId}) of the first organization`);
	out(`  events:        ${info.eventNames === 'snake' ? 'snake_case' : 'camelCase'}, payload era ${info.payloadEra}`);
	if (info.payloadEra === '2025') out(`  tickets API:   ${emu.ticketsUrl}/tickets (X-Organization-Id required)`);
	out(`  control:       ${emu.url}/_emulator/state · /_emulator/deliveries · /_emulator/faults · /_emulator/reset · /_emulator/clock`);
	if (emu.options.allowNonLoopbackDeliveries) out('  WARNING: deliveries to non-loopback URLs are enabled');
	if (!parsed.flags.quiet) {
		emu.events.on('request', (r) => out(`${new Date().toISOString()} ${r.method} ${r.path} → ${r.status ?? 'connection destroyed'}`));
		emu.events.on('delivery', (d) =>
			out(`${d.time} delivery ${d.event} → ${d.url}: ${d.skipped ? 'skipped (non-loopback)' : (d.status ?? d.error)}`),
		);
	}
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		await emu.close();
		out(`Keyclic emulator stopped (${signal})`);
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	process.stderr.write(`keyclic-emulator: ${err.message}\n`);
	process.exit(1);
});
