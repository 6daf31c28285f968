import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';

import { API_CREDENTIAL } from '../credentialNames';
import { httpStatusOf } from './httpStatus';
import { apiBaseUrl, keyclicApiError } from './index';

/**
 * Where a file link points and whether the Keyclic login goes with it. No Keyclic spec documents a route
 * that serves a file's bytes: image and file links are followed as given. A relative href (or an absolute
 * one on the origin of the credential's Base URL) is Keyclic's: it is fetched with the login. An absolute
 * href on any other host (a file store, a CDN) is fetched with no credential at all: no JWT, no app key.
 */
export function fileTarget(baseUrl: string, href: string): { url: string; toKeyclic: boolean } {
	const base = new URL(`${baseUrl}/`);
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
		const url = new URL(href, base);
		return { url: url.href, toKeyclic: url.origin === base.origin };
	}
	return { url: `${baseUrl}${href.startsWith('/') ? '' : '/'}${href}`, toKeyclic: true };
}

/** What n8n's binary store takes: a Buffer or a Readable stream (type only: the package imports no Node module). */
type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

function isBinarySource(value: unknown): value is BinarySource {
	if (Buffer.isBuffer(value)) return true;
	return typeof value === 'object' && value !== null && 'pipe' in value && typeof value.pipe === 'function';
}

/** A downloaded file: its bytes as a stream and what the answer's headers say of it (null when they say nothing). */
export type DownloadedFile = {
	stream: BinarySource;
	fileName: string | null;
	mimeType: string | null;
	size: number | null;
};

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** The file name of a Content-Disposition header (RFC 6266: filename* first, then filename). */
export function dispositionFileName(value: string | undefined): string | null {
	if (!value) return null;
	const extended = /filename\*\s*=\s*(?:UTF-8|ISO-8859-1)?'[^']*'([^;]+)/i.exec(value);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// fall through to the plain filename
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(value);
	const name = plain ? (plain[2] ?? plain[1]).trim() : '';
	return name === '' ? null : name;
}

function describeFile(response: IN8nHttpFullResponse): Omit<DownloadedFile, 'stream'> {
	const headers = (response.headers ?? {}) as IDataObject;
	const type = header(headers, 'content-type')?.split(';')[0].trim().toLowerCase();
	const length = Number(header(headers, 'content-length'));
	return {
		fileName: dispositionFileName(header(headers, 'content-disposition')),
		mimeType: type ? type : null,
		size: Number.isInteger(length) && length >= 0 ? length : null,
	};
}

/**
 * GET a file link as a stream (never held whole here: n8n's binary store reads the stream). `what` names
 * the download in errors ("download the photo").
 */
export async function downloadFile(context: IExecuteFunctions, href: string, what: string): Promise<DownloadedFile> {
	const baseUrl = await apiBaseUrl(context);
	const { url, toKeyclic } = fileTarget(baseUrl, href);
	const options: IHttpRequestOptions = { method: 'GET', url, encoding: 'stream', returnFullResponse: true, json: false };
	let response: IN8nHttpFullResponse;
	try {
		response = (
			toKeyclic
				? await context.helpers.httpRequestWithAuthentication.call(context, API_CREDENTIAL, options)
				: await context.helpers.httpRequest(options)
		) as IN8nHttpFullResponse;
	} catch (error) {
		if (toKeyclic) throw keyclicApiError(context, error, what, baseUrl, { method: 'GET', path: href });
		const message = error instanceof Error ? error.message : String(error);
		const status = httpStatusOf(error)?.toString();
		const summary = `Could not ${what}: ${status ? `the file host ${new URL(url).host} answered ${status}` : `${new URL(url).host} could not be reached`}`;
		throw new NodeApiError(context.getNode(), { message } as JsonObject, {
			message: summary,
			description: `Keyclic links this file at ${url}; n8n fetched it without the Keyclic credential, as it does for every host other than the Base URL's (${message}).`,
			httpCode: status,
		});
	}
	const body: unknown = response.body;
	if (!isBinarySource(body)) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'no file in the answer' },
			{ message: `Could not ${what}: the answer held no file` },
		);
	}
	return { stream: body, ...describeFile(response) };
}
