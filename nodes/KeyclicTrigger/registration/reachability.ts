/** Host names a service on the internet can never call back. */
function isLocalOrPrivateHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
	// IPv6 literals (URL writes them in lower case): loopback, unspecified, unique local fc00::/7,
	// link-local fe80::/10, IPv4-mapped. Only literals: "fcm.example.com" is a public name.
	if (host.includes(':'))
		return host === '::1' || host === '::' || /^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/.test(host) || host.startsWith('::ffff:');
	const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
	if (!v4) return !host.includes('.'); // single-label names (e.g. "n8n") only resolve inside a private network
	const [a, b] = [Number(v4[1]), Number(v4[2])];
	return (
		a === 127 ||
		a === 10 ||
		a === 0 ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 169 && b === 254) ||
		(a === 100 && b >= 64 && b <= 127)
	);
}

/**
 * Why Keyclic (at `apiBaseUrl`) could not call `webhookUrl`, or undefined when it plausibly can.
 * A local Keyclic (an emulator on localhost or a private network) may of course call local URLs.
 */
export function unreachableReason(webhookUrl: string, apiBaseUrl: string): string | undefined {
	let hook: URL;
	let api: URL;
	try {
		hook = new URL(webhookUrl);
		api = new URL(apiBaseUrl);
	} catch {
		return `the webhook URL "${webhookUrl}" or the API base URL "${apiBaseUrl}" is not a valid URL`;
	}
	if (isLocalOrPrivateHost(api.hostname)) return undefined;
	if (isLocalOrPrivateHost(hook.hostname)) {
		return `n8n's webhook URL ${hook.origin} is a local or private address that ${api.host} cannot reach`;
	}
	return undefined;
}
