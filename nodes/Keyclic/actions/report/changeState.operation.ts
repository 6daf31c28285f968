import type { OperationExecute } from '../node.type';
import { changeState } from '../resourceCalls';

export const execute: OperationExecute = async function (itemIndex) {
	return await changeState(this, 'report', itemIndex);
};
