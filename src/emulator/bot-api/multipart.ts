/**
 * A small multipart/form-data parser (RFC 7578) over a fully buffered body.
 *
 * Bot uploads are bounded (the server caps the body size), so buffering is simpler and safer
 * than streaming. It is lenient where real clients differ — grammY writes headers without a
 * space after the colon and an unquoted filename; curl and browsers quote everything — and
 * strict where it matters: a body without the closing boundary is rejected, not guessed at.
 */

export interface FormFile {
  /** The part's field name. */
  readonly name: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface FormData {
  readonly fields: Map<string, string>;
  readonly files: Map<string, FormFile>;
}

export class MultipartError extends Error {}

/** The boundary from a `multipart/form-data; boundary=…` content type, if present. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? match[1] ?? match[2] : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): FormData {
  const fields = new Map<string, string>();
  const files = new Map<string, FormFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw new MultipartError('the multipart body has no boundary line');
  for (;;) {
    position += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    position = skipLineBreak(body, position);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), position);
    if (next < 0) throw new MultipartError('the multipart body ends without its closing boundary');
    addPart(body.subarray(position, next), fields, files);
    position = next + 2;
  }
  return { fields, files };
}

function skipLineBreak(body: Buffer, position: number): number {
  // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
  while (body[position] === 0x20 || body[position] === 0x09) position++;
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  if (body[position] === 0x0a) return position + 1;
  throw new MultipartError('a multipart boundary is not followed by a line break');
}

function addPart(part: Buffer, fields: Map<string, string>, files: Map<string, FormFile>): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw new MultipartError('a multipart part has no header block');
  const headers = parseHeaders(part.subarray(0, headerEnd).toString('utf8'));
  const content = part.subarray(headerEnd + 4);
  const disposition = headers.get('content-disposition');
  if (!disposition) throw new MultipartError('a multipart part has no Content-Disposition header');
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw new MultipartError('a multipart part has no field name');
  const filename = dispositionParam(disposition, 'filename');
  if (filename === undefined) {
    fields.set(name, content.toString('utf8'));
  } else {
    files.set(name, { name, filename, contentType: headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.from(content) });
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split(/\r\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of Content-Disposition: quoted (`name="a b"`) or bare (`name=a`). */
function dispositionParam(disposition: string, key: string): string | undefined {
  const pattern = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const match = pattern.exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}
