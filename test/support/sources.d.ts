// Types of the JS helper ./sources.js.

export interface SourceFile {
	/** Path relative to the repository root, with forward slashes: `nodes/Keyclic/Keyclic.node.ts`. */
	file: string;
	text: string;
}

/** Every file under `dir` whose name ends with `ending`, relative to the repository root, sorted. */
export function filesUnder(dir: string, ending: string): string[];

/** Every .ts file under `dir` (relative to the repository root), sorted by path. */
export function sourceFiles(dir: string): SourceFile[];

/** The text of a file of the repository (`file` relative to its root). */
export function repoFile(file: string): string;
