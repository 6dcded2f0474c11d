import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EFORMS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../data/catalog/eforms',
);

/** A default e-form as shipped in data/catalog/eforms (the schema seeded at start). */
export function defaultEform(procedureCode: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(EFORMS, `${procedureCode}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * Answers that pass each default e-form (dates before the test clock's 23/11/2026), for tests
 * that file these procedures online and are about something else. A copy each call: a test may
 * change one answer to make it wrong.
 */
const ANSWERS: Record<string, Record<string, unknown>> = {
  // Đăng ký khai sinh
  '1.001193': {
    child: {
      fullName: 'Nguyễn Minh An',
      gender: 'male',
      birthDate: '2026-11-20',
      birthPlace: 'Bệnh viện Đa khoa Đồng Nai',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      hometown: 'Phường Trấn Biên, tỉnh Đồng Nai',
    },
    mother: {
      fullName: 'Trần Thị Bích',
      birthYear: 1995,
      idNumber: '075195001234',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      residence: 'Khu phố 1, Phường Trấn Biên, tỉnh Đồng Nai',
    },
    declarant: { fullName: 'Trần Thị Bích', idNumber: '075195001234', relationship: 'mother' },
  },
  // Đăng ký khai tử
  '1.000656': {
    deceased: {
      fullName: 'Lê Văn Tư',
      birthDate: '1940-03-02',
      gender: 'male',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      lastResidence: 'Khu phố 2, Phường Trấn Biên, tỉnh Đồng Nai',
      deathDate: '2026-11-18',
      deathPlace: 'Tại nhà riêng',
      cause: 'Tuổi già',
    },
    declarant: { fullName: 'Lê Văn Năm', idNumber: '075170001234', relationship: 'Con' },
  },
  // Đăng ký kết hôn
  '1.000894': {
    bride: {
      fullName: 'Phạm Thị Hoa',
      birthDate: '1998-05-04',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      residence: 'Phường Trấn Biên, tỉnh Đồng Nai',
      idNumber: '075198001234',
      marriageCount: 1,
    },
    groom: {
      fullName: 'Võ Văn Hùng',
      birthDate: '1996-08-09',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      residence: 'Phường Bình Phước, tỉnh Đồng Nai',
      idNumber: '075096001234',
      marriageCount: 1,
    },
  },
  // Cấp Giấy xác nhận tình trạng hôn nhân
  '1.004873': {
    subject: {
      fullName: 'Phạm Thị Hoa',
      birthDate: '1998-05-04',
      gender: 'female',
      idNumber: '075198001234',
      residence: 'Phường Trấn Biên, tỉnh Đồng Nai',
    },
    maritalStatus: 'Chưa đăng ký kết hôn với ai',
    purpose: 'Để đăng ký kết hôn',
  },
  // Đăng ký thành lập hộ kinh doanh
  '1.001612': {
    businessName: 'Hộ kinh doanh Tạp hóa Minh An',
    address: 'Số 12 đường Phạm Văn Thuận, Phường Trấn Biên, tỉnh Đồng Nai',
    businessLines: 'Bán lẻ hàng tạp hóa',
    capitalVnd: 100000000,
    owner: {
      fullName: 'Nguyễn Văn Minh',
      birthDate: '1985-01-15',
      gender: 'male',
      idNumber: '075085001234',
      residence: 'Phường Trấn Biên, tỉnh Đồng Nai',
      phone: '0909123456',
    },
  },
  // Chứng thực bản sao từ bản chính
  '2.000815': { documents: [{ documentName: 'Giấy khai sinh', copies: 2 }] },
};

/** Valid answers for a procedure's default e-form; `{}` for a procedure that has none. */
export function eformAnswers(procedureCode: string): Record<string, unknown> {
  return structuredClone(ANSWERS[procedureCode] ?? {});
}
