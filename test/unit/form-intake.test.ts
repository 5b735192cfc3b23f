// What the form door accepts, by content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { acceptForm, sniff } from '../../electron/main/cases/form-intake';
import { DeskError } from '../../electron/main/errors';
import { formPage } from '../support/forms';

const file = (fileName: string, bytes: Buffer) => ({ kind: 'file' as const, fileName, bytes });

test('JPEG and PNG are kept as received; the type comes from the content, not the name', async () => {
  const png = await formPage('p');
  const jpeg = await sharp(png).jpeg({ quality: 80 }).toBuffer();
  const [a] = await acceptForm(file('scan.jpg', png), 0);
  assert.equal(a!.mediaType, 'image/png');
  assert.ok(a!.data.equals(png));
  const [b] = await acceptForm(file('scan.png', jpeg), 0);
  assert.equal(b!.mediaType, 'image/jpeg');
  assert.equal(sniff(Buffer.from('GIF89a')), null);
});

test('TIFF pages become PNG pages; a PDF stays one document; page limits hold', async () => {
  const tiff = await sharp(await formPage('t'))
    .tiff()
    .toBuffer();
  const pages = await acceptForm(file('scan.tif', tiff), 0);
  assert.equal(pages.length, 1);
  assert.equal(pages[0]!.mediaType, 'image/png');
  assert.equal(pages[0]!.width, 1240);
  const pdf = await PDFDocument.create();
  pdf.addPage();
  pdf.addPage();
  const bytes = Buffer.from(await pdf.save());
  const [doc] = await acceptForm(file('form.pdf', bytes), 0);
  assert.equal(doc!.mediaType, 'application/pdf');
  await assert.rejects(
    acceptForm(file('form.pdf', bytes), 19),
    (e: unknown) => e instanceof DeskError && e.code === 'TOO_MANY_PAGES',
  );
});

test('an image over the pixel limit is refused before it is decoded', async () => {
  const huge = await sharp({ create: { width: 9000, height: 6000, channels: 3, background: '#ffffff' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  await assert.rejects(
    acceptForm(file('huge.png', huge), 0),
    (e: unknown) =>
      e instanceof DeskError &&
      /百萬像素|megapixels|損毀/.test(e.toPayload().message['zh-TW'] + e.toPayload().message.en),
  );
});
