import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod/v4';

import { downloadFile } from '../../common/transport/files';
import { requiredText } from './input';

// Documents: one output item each, the document as Keyclic answers it, and (Download) its file as binary.

const documentAnswer = z.looseObject({
	id: z.string(),
	file: z.looseObject({ name: z.string().optional(), contentType: z.string().optional() }).optional(),
	_links: z.looseObject({ file: z.looseObject({ href: z.string().min(1) }).optional() }).optional(),
});

/** Whether the operation asks for the files, and the binary field they go to. */
export function downloadChoice(context: IExecuteFunctions, itemIndex: number): string | null {
	if (context.getNodeParameter('download', itemIndex, false) !== true) return null;
	return requiredText(context, 'binaryPropertyName', 'Put Output File in Field', itemIndex, {
		fallback: 'data',
		fix: 'Enter the name of the binary field for the file, for example data.',
	});
}

/** A document as an output item; with a field, its file (`_links.file.href`) streamed into n8n's binary store. */
export async function documentItem(context: IExecuteFunctions, answer: unknown, field: string | null): Promise<INodeExecutionData> {
	const json: IDataObject = typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? { ...answer } : {};
	if (field === null) return { json };
	const parsed = documentAnswer.safeParse(answer);
	const href = parsed.success ? parsed.data._links?.file?.href : undefined;
	if (!parsed.success || href === undefined) {
		throw new NodeOperationError(context.getNode(), 'Keyclic gave no file link for this document', {
			description: 'The document has no _links.file: turn Download off to get it without its file.',
		});
	}
	const file = await downloadFile(context, href, `download the file of document ${parsed.data.id}`);
	const fileName = file.fileName ?? parsed.data.file?.name ?? `document_${parsed.data.id}`;
	const mimeType = file.mimeType ?? parsed.data.file?.contentType;
	return { json, binary: { [field]: await context.helpers.prepareBinaryData(file.stream, fileName, mimeType) } };
}
