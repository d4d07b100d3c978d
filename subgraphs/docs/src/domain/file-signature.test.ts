import { resolveType, sniffHead, TextSniffer } from './file-signature';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('sniffHead', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ'), 'application/pdf'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'image/jpeg'],
    ['GIF', Buffer.from('GIF89a\x01\x00'), 'image/gif'],
    ['WEBP', Buffer.concat([Buffer.from('RIFF'), bytes(1, 2, 3, 4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 'text'],
    ['text', Buffer.from('# Notes\n'), 'text'],
  ])('reads %s', (_name, head, type) => {
    expect(sniffHead(head)).toBe(type);
  });

  it('does not take RIFF alone (WAV, AVI) for WEBP', () => {
    expect(sniffHead(Buffer.concat([Buffer.from('RIFF'), bytes(1, 2, 3, 4), Buffer.from('WAVEfmt ')]))).toBe('text');
  });
});

describe('TextSniffer', () => {
  const isText = (...chunks: Buffer[]): boolean => {
    const sniffer = new TextSniffer();
    return chunks.every((c) => sniffer.push(c)) && sniffer.end();
  };

  it('accepts UTF-8 text split anywhere, with a BOM, tabs and CRLF', () => {
    const text = Buffer.from('\ufeffnome;preço\r\nPETR4;38,50\tok ✓\n', 'utf8');
    expect(isText(text)).toBe(true);
    expect(isText(text.subarray(0, 16), text.subarray(16))).toBe(true);
  });

  it('refuses NUL bytes, other control characters, invalid UTF-8 and a cut-off sequence', () => {
    expect(isText(Buffer.from('MZ\x90\x00\x03'))).toBe(false);
    expect(isText(Buffer.from('abc\x1bdef'))).toBe(false);
    expect(isText(bytes(0x61, 0xc3, 0x28))).toBe(false);
    expect(isText(Buffer.from('preço', 'utf8').subarray(0, 4))).toBe(false);
  });
});

describe('resolveType', () => {
  it('takes the sniffed binary type when the name agrees or has no extension', () => {
    expect(resolveType('image/png', 'diagram.PNG')).toEqual({ type: 'image/png' });
    expect(resolveType('application/pdf', 'manual')).toEqual({ type: 'application/pdf' });
  });

  it('gives text its subtype from the extension', () => {
    expect(resolveType('text', 'README.md')).toEqual({ type: 'text/markdown' });
    expect(resolveType('text', 'ticks.csv')).toEqual({ type: 'text/csv' });
    expect(resolveType('text', 'config.json')).toEqual({ type: 'application/json' });
    expect(resolveType('text', 'notes')).toEqual({ type: 'text/plain' });
  });

  it('refuses a name that disagrees with the content or an extension not on the list', () => {
    expect(resolveType('image/jpeg', 'photo.png')).toEqual({ problem: 'is named .png but its content is image/jpeg' });
    expect(resolveType('text', 'fake.png')).toEqual({ problem: 'is named .png but its content is text' });
    expect(resolveType('text', 'page.html')).toMatchObject({ problem: expect.stringContaining('.html') });
    expect(resolveType('application/pdf', 'archive.zip')).toMatchObject({ problem: expect.stringContaining('.zip') });
  });
});
