/** Route paths, in Vietnamese like the rest of the citizen-facing URLs. */
export const paths = {
  home: '/',
  communes: '/don-vi-hanh-chinh',
  officer: '/can-bo',
  admin: '/quan-tri',
  agencies: '/quan-tri/co-quan',
  system: '/quan-tri/he-thong',
} as const;
