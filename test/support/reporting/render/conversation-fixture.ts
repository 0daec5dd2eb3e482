/** A hand-made conversation used by the reporting tests: every kind of event, two people. */
import { deflateSync } from 'node:zlib';
import { Transcript } from '../../../../support/reporting/render/transcript';

/** A real, decodable PNG of `width`×`height` in one colour (no image library needed). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function sampleTranscript(): Transcript {
  const beach = solidPng(40, 30, [30, 144, 255]);
  const garden = solidPng(30, 40, [34, 139, 34]);
  return new Transcript()
    .userSent('Alice', { text: '/start' }, 1)
    .botSent('Alice', { text: 'Welcome to the family album!\nSend me photos.', keyboard: { type: 'reply', rows: [['Get a photo', 'Invite']] } }, 2)
    .userSent('Alice', { photos: [{ bytes: beach, name: 'beach.png' }] }, 3)
    .botSent('Alice', { text: 'Saved 1 photo', keyboard: { type: 'inline', rows: [['Undo'], ['Show album']] } }, 4)
    .pressed('Alice', 'Show album', 5)
    .botEdited('Alice', { text: 'Saved 1 photo ✓' }, 6)
    .note("Bob opens Alice's invite link", 7)
    .userSent('Bob', { text: 'Get a photo' }, 8)
    .botSent('Bob', { photos: [{ bytes: beach, name: 'beach.png' }, { bytes: garden, name: 'garden.png' }] }, 9)
    .botDeleted('Alice', 'Uploading…', 10)
    .userSent('Bob', { text: 'Look at this', forwardedFrom: 'Alice' }, 11)
    .botSent('Bob', { text: 'The album is empty' }, 12);
}
