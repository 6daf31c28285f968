import type { OperationExecute } from '../node.type';
import { getOne } from '../resourceCalls';

export const execute: OperationExecute = async function (itemIndex) {
	return await getOne(this, 'report', itemIndex);
};
