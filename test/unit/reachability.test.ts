// reachability.ts: can Keyclic (at the credential's base URL) call n8n's webhook URL?
import { unreachableReason } from '../../nodes/KeyclicTrigger/registration/reachability';

const KEYCLIC = 'https://api.keyclic.com';

describe('unreachableReason', () => {
	it.each([
		['localhost', 'http://localhost:5678/webhook/abc/webhook'],
		['a *.localhost name', 'http://n8n.localhost/webhook/abc/webhook'],
		['LOCALHOST in capitals', 'http://LOCALHOST:5678/webhook/abc/webhook'],
		['127.0.0.1', 'http://127.0.0.1:5678/webhook/abc/webhook'],
		['another 127.x address', 'http://127.12.0.3/webhook/abc/webhook'],
		['0.0.0.0', 'http://0.0.0.0:5678/webhook/abc/webhook'],
		['10.x', 'https://10.1.2.3/webhook/abc/webhook'],
		['172.16.x', 'https://172.16.0.10/webhook/abc/webhook'],
		['172.31.x', 'https://172.31.255.1/webhook/abc/webhook'],
		['192.168.x', 'http://192.168.1.20:5678/webhook/abc/webhook'],
		['169.254.x (link-local)', 'http://169.254.10.1/webhook/abc/webhook'],
		['100.64.x (carrier-grade NAT)', 'http://100.64.0.1/webhook/abc/webhook'],
		['::1', 'http://[::1]:5678/webhook/abc/webhook'],
		['an IPv6 unique local address (fd)', 'http://[fd00::1]/webhook/abc/webhook'],
		['an IPv6 unique local address (fc)', 'http://[fc12:3456::1]/webhook/abc/webhook'],
		['the IPv6 unspecified address', 'http://[::]:5678/webhook/abc/webhook'],
		['an IPv6 link-local address', 'http://[fe80::1]/webhook/abc/webhook'],
		['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/webhook/abc/webhook'],
		['a single-label host (docker service name)', 'http://n8n:5678/webhook/abc/webhook'],
		['a *.local name', 'http://n8n.local/webhook/abc/webhook'],
		['a *.internal name', 'http://n8n.internal/webhook/abc/webhook'],
		['127.0.0.1 written in hex', 'http://0x7f.0.0.1/webhook/abc/webhook'],
	])('unreachable from %s', (_label, webhookUrl) => {
		const reason = unreachableReason(webhookUrl, KEYCLIC);
		expect(reason).toContain('local or private address');
		expect(reason).toContain('api.keyclic.com');
		expect(reason).toContain(new URL(webhookUrl).origin);
	});

	it.each([
		['a public name', 'https://n8n.example.com/webhook/abc/webhook'],
		['a public name with a port', 'https://n8n.example.com:8443/webhook/abc/webhook'],
		['a public IPv4 address', 'http://203.0.113.7/webhook/abc/webhook'],
		['172.32.x (outside 172.16/12)', 'http://172.32.0.1/webhook/abc/webhook'],
		['172.15.x (outside 172.16/12)', 'http://172.15.0.1/webhook/abc/webhook'],
		['192.169.x', 'http://192.169.0.1/webhook/abc/webhook'],
		['a public IPv6 address', 'http://[2606:4700::1111]/webhook/abc/webhook'],
		['a name starting with "fc"', 'https://fcm.example.com/webhook/abc/webhook'],
		['a name starting with "fd"', 'https://fd-automation.example.org/webhook/abc/webhook'],
		['a name containing "local" but not under .local', 'https://localhost-proxy.example.com/webhook/abc/webhook'],
	])('fine from %s', (_label, webhookUrl) => {
		expect(unreachableReason(webhookUrl, KEYCLIC)).toBeUndefined();
	});

	it.each([
		'http://127.0.0.1:8787',
		'http://localhost:8787/',
		'http://keyclic-emulator:8787',
		'http://192.168.1.5',
		'http://[::1]:8787',
		'http://[fd12:3456::1]:8787',
	])('any webhook URL is fine when the API itself is local (%s)', (apiBaseUrl) => {
		for (const webhookUrl of [
			'http://localhost:5678/webhook/abc/webhook',
			'http://n8n:5678/webhook/x/webhook',
			'https://n8n.example.com/webhook/abc/webhook',
		]) {
			expect(unreachableReason(webhookUrl, apiBaseUrl)).toBeUndefined();
		}
	});

	it('names an invalid URL instead of throwing', () => {
		expect(unreachableReason('not a url', KEYCLIC)).toContain('"not a url"');
		expect(unreachableReason('https://n8n.example.com/webhook', 'api.keyclic.com')).toContain('not a valid URL');
	});
});
