/**
 * The files every page we run on loads, as the manifest, the added sites' registration and
 * "Scan this page" inject them (paths within the extension; the leading slash is how
 * `scripting` names a file at the root).
 */
export const PAGE_CORE = 'page-core.js';
export const PAGE_CSS = 'highlights.css';
