/** Text safety for anything printed to a terminal or a CI log. */

/** Line breaks, C0/C1 controls and U+2028/9. */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Messages quote inputs (paths, node ids, parser snippets): escape what could break the one line
 * or drive a terminal, so an input cannot forge log lines such as GitHub `::` workflow commands.
 */
export function oneLine(message: string): string {
  return message.replace(UNPRINTABLE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
