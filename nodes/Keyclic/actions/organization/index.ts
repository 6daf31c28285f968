export { execute as getAll } from './getAll.operation';
