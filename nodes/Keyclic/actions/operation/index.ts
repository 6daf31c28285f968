export { execute as addComment } from './addComment.operation';
export { execute as assign } from './assign.operation';
export { execute as changeState } from './changeState.operation';
export { execute as create } from './create.operation';
export { execute as delete } from './delete.operation';
export { execute as get } from './get.operation';
export { execute as getAll } from './getAll.operation';
export { execute as update } from './update.operation';
