// Types of the JS helper ./markdown.js.

/** GitHub's anchor for a heading's text. */
export function githubSlug(heading: string): string;

/** Every anchor of a Markdown page (headings, repeated ones suffixed -1, -2…; `<a id|name>`). */
export function anchorsOf(markdown: string): Set<string>;

/** The relative links of a page, outside code. */
export function relativeLinks(markdown: string): Array<{ line: number; target: string }>;

/** The dead relative links of `file` (relative to `root`, the repository by default), one line each. */
export function deadLinks(file: string, root?: string): string[];
