import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import { samplePdf, samplePng, sampleText } from '../testing/files.js';
import { checkFile, cleanFileName } from './file-check.js';

const limits = { maxBytes: 1024 * 1024 };

async function refused(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('checkFile', () => {
  test('a PDF is accepted with its sniffed type, size and SHA-256', async () => {
    const bytes = samplePdf();
    const checked = await checkFile('khai-sinh.PDF', bytes, limits);
    assert.equal(checked.contentType, 'application/pdf');
    assert.equal(checked.sizeBytes, bytes.length);
    assert.equal(checked.sha256, createHash('sha256').update(bytes).digest('hex'));
  });

  test('PNG and XLSX are sniffed from their content', async () => {
    assert.equal((await checkFile('anh.png', samplePng(), limits)).contentType, 'image/png');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Danh sách').addRow(['Họ tên', 'Nguyễn Văn An']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    assert.equal(
      (await checkFile('bang.xlsx', xlsx, limits)).contentType,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  test('a ".pdf" whose bytes are not a PDF is refused in Vietnamese', async () => {
    await refused(
      checkFile('gia-mao.pdf', sampleText(), limits),
      'UNSUPPORTED_MEDIA_TYPE',
      /có đuôi \.pdf nhưng nội dung không phải PDF/,
    );
  });

  test('a type outside the allow-list is refused, listing what is accepted', async () => {
    await refused(
      checkFile('ghi-chu.txt', sampleText(), limits),
      'UNSUPPORTED_MEDIA_TYPE',
      /Chỉ nhận tệp PDF, JPEG, PNG, DOCX, XLSX/,
    );
  });

  test('a real PNG named .pdf is refused: the name must match the content', async () => {
    await refused(checkFile('anh.pdf', samplePng(), limits), 'UNSUPPORTED_MEDIA_TYPE', /\.png/);
  });

  test('too big and empty files are refused', async () => {
    const big = Buffer.concat([samplePdf(), Buffer.alloc(limits.maxBytes)]);
    await refused(checkFile('to.pdf', big, limits), 'PAYLOAD_TOO_LARGE', /vượt quá giới hạn 1 MB/);
    await refused(checkFile('rong.pdf', Buffer.alloc(0), limits), 'VALIDATION_FAILED', /rỗng/);
  });

  test('file names lose directories and control characters', () => {
    assert.equal(cleanFileName('C:\\Users\\an\\giay"to\u0007.pdf'), 'giayto.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('   '), 'tep-dinh-kem');
  });
});
