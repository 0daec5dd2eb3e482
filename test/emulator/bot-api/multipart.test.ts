import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundaryOf, MultipartError, parseMultipart } from '../../../src/emulator/bot-api/multipart';

describe('multipart/form-data parser', () => {
  it('reads grammY-style parts (no space after colons, unquoted filename) and binary content', () => {
    const bytes = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from('--b0\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--b0\r\n'),
      Buffer.from('content-disposition:form-data;name="abc";filename=photo.jpg\r\ncontent-type:application/octet-stream\r\n\r\n'),
      bytes,
      Buffer.from('\r\n--b0--\r\n'),
    ]);
    const form = parseMultipart(body, 'b0');
    assert.equal(form.fields.get('chat_id'), '42');
    const file = form.files.get('abc')!;
    assert.equal(file.filename, 'photo.jpg');
    assert.ok(file.bytes.equals(bytes));
  });

  it('reads quoted parameters, a preamble and the boundary from the content type', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary="a b"'), 'a b');
    assert.equal(boundaryOf('multipart/form-data; boundary=----x1'), '----x1');
    const body = Buffer.from('preamble\r\n--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhé\r\n--x--');
    assert.equal(parseMultipart(body, 'x').fields.get('text'), 'hé');
  });

  it('refuses a body without its closing boundary', () => {
    assert.throws(() => parseMultipart(Buffer.from('--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1'), 'x'), MultipartError);
    assert.throws(() => parseMultipart(Buffer.from('nothing'), 'x'), MultipartError);
  });
});
