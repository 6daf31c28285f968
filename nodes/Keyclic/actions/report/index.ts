export { execute as changeState } from './changeState.operation';
export { execute as get } from './get.operation';
export { execute as getAll } from './getAll.operation';
export { execute as update } from './update.operation';
