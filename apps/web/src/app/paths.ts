/** Route paths, in Vietnamese like the rest of the citizen-facing URLs. */
export const paths = {
  home: '/',
  tracking: '/tra-cuu',
  procedures: '/thu-tuc',
  procedure: (code: string) => `/thu-tuc/${code}`,
  listing: '/thu-tuc/niem-yet',
  communes: '/don-vi-hanh-chinh',
  officer: '/can-bo',
  admin: '/quan-tri',
  agencies: '/quan-tri/co-quan',
  review: '/quan-tri/ra-soat',
  proceduresAdmin: '/quan-tri/thu-tuc',
  procedureAdmin: (code: string) => `/quan-tri/thu-tuc/${code}`,
  system: '/quan-tri/he-thong',
  calendar: '/quan-tri/lich-lam-viec',
  signIn: '/dang-nhap',
  accounts: '/quan-tri/tai-khoan',
} as const;
