import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

// The location of a new report (FeedbackData.geo {point: {latitude, longitude}}), read from Report → Create's
// Latitude and Longitude, refused BEFORE any call when it is not a place on Earth: Keyclic is never sent null
// (what JSON makes of NaN) nor 0, 0 (what blank form fields become).

const AXES = {
	latitude: { label: 'Latitude', limit: 90, example: '48.8566' },
	longitude: { label: 'Longitude', limit: 180, example: '2.3522' },
} as const;
type Axis = keyof typeof AXES;

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function refuse(context: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** One coordinate as a number of degrees in its range, or a NodeOperationError naming the field and what to give. */
function degrees(context: IExecuteFunctions, itemIndex: number, axis: Axis, value: unknown): number {
	const { label, limit, example } = AXES[axis];
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(number)) {
		refuse(
			context,
			itemIndex,
			`The "${label}" field is not a number: ${typeof value === 'string' ? `"${value}"` : String(value)}`,
			`Give ${label} in decimal degrees (WGS 84, a dot for decimals, for example ${example}), or remove both Latitude and Longitude to file the report without a location.`,
		);
	}
	if (Math.abs(number) > limit) {
		refuse(
			context,
			itemIndex,
			`The "${label}" field is out of range: ${number}`,
			`${label} is between -${limit} and ${limit} degrees (WGS 84). Check that Latitude and Longitude are not swapped.`,
		);
	}
	return number;
}

/**
 * FeedbackData.geo from the Latitude and Longitude fields: undefined when both are absent or blank (no location),
 * else both as numbers in range; one without the other, NaN, text, out of range or 0, 0 is refused naming the field.
 */
export function reportGeo(context: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject | undefined {
	const blank = { latitude: isBlank(fields.latitude), longitude: isBlank(fields.longitude) };
	if (blank.latitude && blank.longitude) return undefined;
	for (const [axis, other] of [
		['latitude', 'longitude'],
		['longitude', 'latitude'],
	] as const) {
		if (blank[axis]) {
			refuse(
				context,
				itemIndex,
				`The "${AXES[axis].label}" field is empty but ${AXES[other].label} is set`,
				`A location needs both: give ${AXES[axis].label} too (decimal degrees, for example ${AXES[axis].example}), or remove ${AXES[other].label} to file the report without a location.`,
			);
		}
	}
	const latitude = degrees(context, itemIndex, 'latitude', fields.latitude);
	const longitude = degrees(context, itemIndex, 'longitude', fields.longitude);
	if (latitude === 0 && longitude === 0) {
		refuse(
			context,
			itemIndex,
			'The "Latitude" and "Longitude" fields are both 0',
			'0, 0 is in the Gulf of Guinea: it is what empty form fields become, not a location. Give the real coordinates, or remove both fields to file the report without a location.',
		);
	}
	return { point: { latitude, longitude } };
}

/** What to do when Keyclic (2018–2021 APIs) answers that `geo` is required: the fields to give. */
export function locationRequired(context: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		'Your Keyclic API requires a location: the "Latitude" and "Longitude" fields are empty',
		{
			itemIndex,
			description:
				'The Keyclic APIs of 2018 to 2021 file a report only with a location (FeedbackData.geo); the 2025 API files it without. In Additional Fields, add Latitude and Longitude (decimal degrees, WGS 84, for example 48.8566 and 2.3522), for instance those of the place.',
		},
	);
}
