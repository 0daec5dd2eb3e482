/**
 * Masks secrets in the reports cucumber's own formatters wrote (`cucumber.html`, `junit.xml`,
 * `messages.ndjson`). Our attachments are masked before they are attached, but an error message
 * can carry a token (a failed request's URL, say) into a step result, and cucumber writes that
 * as it is; so after each run the files are rewritten masked.
 *
 * Structured formats are masked value by value (`maskDeep`), never as raw text: a raw pass over
 * base64 image bodies could corrupt a photo.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskDeep, maskSecrets } from './mask';

export const REPORT_FILES = { html: 'cucumber.html', junit: 'junit.xml', messages: 'messages.ndjson' } as const;

/** Masks each report that exists in `dir`; returns the names of the files rewritten. */
export function maskReportFiles(dir: string): string[] {
  const rewritten: string[] = [];
  const rewrite = (name: string, mask: (text: string) => string) => {
    const path = join(dir, name);
    if (!existsSync(path)) return;
    const before = readFileSync(path, 'utf8');
    const after = mask(before);
    if (after !== before) {
      writeFileSync(path, after);
      rewritten.push(name);
    }
  };
  rewrite(REPORT_FILES.junit, maskSecrets);
  rewrite(REPORT_FILES.messages, maskNdjson);
  rewrite(REPORT_FILES.html, maskCucumberHtml);
  return rewritten;
}

export function maskNdjson(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.trim()) return line;
      try {
        return JSON.stringify(maskDeep(JSON.parse(line)));
      } catch {
        return maskSecrets(line);
      }
    })
    .join('\n');
}

const MESSAGES_START = 'window.CUCUMBER_MESSAGES = [';
const MESSAGES_END = '];\n</script>';

/**
 * cucumber's HTML report holds the run as `window.CUCUMBER_MESSAGES = [envelope,…];`, each
 * envelope JSON with `<` written as `\x3C` (valid in a script, not in JSON). The array is read,
 * masked envelope by envelope and written back the same way; the page's own code is left as is.
 */
export function maskCucumberHtml(html: string): string {
  const start = html.indexOf(MESSAGES_START);
  const end = start < 0 ? -1 : html.indexOf(MESSAGES_END, start);
  if (start < 0 || end < 0) return maskSecrets(html);
  const body = html.slice(start + MESSAGES_START.length, end);
  let envelopes: unknown[];
  try {
    envelopes = JSON.parse(`[${body.replace(/\\x3C/g, '\\u003c')}]`) as unknown[];
  } catch {
    // Unreadable as JSON: mask the messages as text, but never the page's own code.
    return html.slice(0, start + MESSAGES_START.length) + maskSecrets(body) + html.slice(end);
  }
  const masked = envelopes.map((envelope) => JSON.stringify(maskDeep(envelope)).replace(/</g, '\\x3C')).join(',');
  return html.slice(0, start + MESSAGES_START.length) + masked + html.slice(end);
}
