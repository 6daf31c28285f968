import type { OperationExecute } from '../node.type';
import { changeState } from '../shared.operation';

export const execute: OperationExecute = async function (itemIndex) {
	return await changeState(this, 'report', itemIndex);
};
