import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ResourceType } from '../../common/schemas';
import { keyclicRequest } from '../../common/transport';
import { downloadFile } from '../../common/transport/files';
import { requiredText } from './input';
import { peekHead, photoMimeType, withExtension } from './photoType';

// Photos of a report (on its feedback) or an operation, downloaded into n8n's binary store.

const hrefLink = z.looseObject({
	href: z.string().min(1),
	iriTemplate: z.looseObject({ mapping: z.record(z.string(), z.unknown()) }).optional(),
});
type HrefLink = z.infer<typeof hrefLink>;

/** Only the links matter: `images[]` (s20+) and the single `image` (s18). Anything else is left as it is. */
const withPhotoLinks = z.looseObject({
	_links: z
		.looseObject({
			images: z.array(z.unknown()).optional(),
			image: z.unknown().optional(),
			feedback: z.unknown().optional(),
		})
		.optional(),
});

/** The photo links of a feedback or operation: `images[]`, else the single `image` link; unreadable ones skipped. */
export function photoLinksOf(answer: z.infer<typeof withPhotoLinks>): HrefLink[] {
	const links = answer._links ?? {};
	const candidates = links.images ?? (links.image === undefined ? [] : [links.image]);
	const out: HrefLink[] = [];
	for (const candidate of candidates) {
		const parsed = hrefLink.safeParse(candidate);
		if (parsed.success && !out.some((l) => l.href === parsed.data.href)) out.push(parsed.data);
	}
	return out;
}

/** An API link as a path on the Base URL (Keyclic writes them relative; an absolute one keeps its path). */
function apiPath(href: string): string {
	if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) return href.startsWith('/') ? href : `/${href}`;
	const url = new URL(href);
	return `${url.pathname}${url.search}`;
}

/** The photo links of a report: GET the report, then its feedback (`_links.feedback`), which holds them. */
export async function reportPhotoLinks(context: IExecuteFunctions, reportId: string): Promise<HrefLink[]> {
	const what = 'get the photos of the report';
	const report = await keyclicRequest(context, withPhotoLinks, 'GET', `/reports/${reportId}`, what);
	const feedback = hrefLink.safeParse(report._links?.feedback);
	if (!feedback.success) return [];
	const answer = await keyclicRequest(context, withPhotoLinks, 'GET', apiPath(feedback.data.href), what);
	return photoLinksOf(answer);
}

/** The photo links of an operation (`_links.images[]`, or `image` in s18). */
export async function operationPhotoLinks(context: IExecuteFunctions, operationId: string): Promise<HrefLink[]> {
	const answer = await keyclicRequest(context, withPhotoLinks, 'GET', `/operations/${operationId}`, 'get the photos of the operation');
	return photoLinksOf(answer);
}

/** What the output says of one photo: id (the link's mapping, if any), name, MIME type, size, owner. */
export type PhotoInfo = {
	photoId: string | null;
	fileName: string | null;
	mimeType: string | null;
	fileSize: number | null;
	href: string;
	resource: ResourceType;
	resourceId: string;
};

function lastSegment(href: string): string | null {
	const path = href.split(/[?#]/)[0];
	const segment = path.slice(path.lastIndexOf('/') + 1);
	try {
		return segment === '' ? null : decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Downloads one photo into n8n's binary store (streamed) and describes it. */
async function fetchPhoto(
	context: IExecuteFunctions,
	link: HrefLink,
	owner: { resource: ResourceType; resourceId: string },
	index: number,
): Promise<{ info: PhotoInfo; binary: IBinaryData }> {
	const file = await downloadFile(context, link.href, `download photo ${index + 1} of the ${owner.resource}`);
	const mappedId = link.iriTemplate?.mapping.image;
	const linkName = lastSegment(link.href);
	// the type from the bytes, the host's answer or the names; the file name then carries its extension
	const mimeType = photoMimeType(await peekHead(file.stream), file.mimeType, [file.fileName, linkName]);
	const fileName = withExtension(file.fileName ?? linkName ?? `photo_${index}`, mimeType);
	const binary = await context.helpers.prepareBinaryData(file.stream, fileName, mimeType ?? undefined);
	const info: PhotoInfo = {
		photoId: typeof mappedId === 'string' ? mappedId : null,
		fileName,
		mimeType,
		// the answer's Content-Length (n8n's own `fileSize` of the binary is a text like "1.2 kB")
		fileSize: file.size,
		href: link.href,
		...owner,
	};
	return { info, binary };
}

/** How Get Photos lays out its output for one input item. */
export type PhotoLayout = { allOnOneItem: false; binaryPropertyName: string } | { allOnOneItem: true; prefix: string };

/** The layout chosen in the node: one item per photo (binary field name) or all on one item (field prefix). */
export function photoLayout(context: IExecuteFunctions, itemIndex: number): PhotoLayout {
	const output = context.getNodeParameter('photoOutput', itemIndex, 'itemPerPhoto');
	if (output === 'allOnOneItem') {
		const prefix = requiredText(context, 'binaryPrefix', 'Field Prefix', itemIndex, {
			fallback: 'photo_',
			fix: 'Enter the start of the binary field names, for example photo_ (giving photo_0, photo_1…).',
		});
		return { allOnOneItem: true, prefix };
	}
	const binaryPropertyName = requiredText(context, 'binaryPropertyName', 'Put Output File in Field', itemIndex, {
		fallback: 'data',
		fix: 'Enter the name of the binary field for each photo, for example data.',
	});
	return { allOnOneItem: false, binaryPropertyName };
}

/** Get Photos: every photo of the resource as binary, laid out as the node asks. */
export async function photoItems(
	context: IExecuteFunctions,
	owner: { resource: ResourceType; resourceId: string },
	links: HrefLink[],
	layout: PhotoLayout,
): Promise<INodeExecutionData[]> {
	const photos = [];
	// one at a time: each download streams into the binary store before the next starts
	for (const [index, link] of links.entries()) photos.push(await fetchPhoto(context, link, owner, index));
	if (!layout.allOnOneItem) {
		return photos.map(({ info, binary }) => ({ json: { ...info }, binary: { [layout.binaryPropertyName]: binary } }));
	}
	const json: IDataObject = {
		...owner,
		photoCount: photos.length,
		photos: photos.map(({ info }, index) => ({ ...info, binaryField: `${layout.prefix}${index}` })),
	};
	const item: INodeExecutionData = { json };
	if (photos.length) item.binary = Object.fromEntries(photos.map(({ binary }, index) => [`${layout.prefix}${index}`, binary]));
	return [item];
}
