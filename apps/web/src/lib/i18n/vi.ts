import type { AgencyKind, Coverage, Snapshot, UnitType } from '@motcua/contracts';
import type { ClientErrorCode } from '../api';

/**
 * Vietnamese messages: the default language and the source of truth for keys.
 * `en.ts` is typed as `Messages`, so the compiler rejects a missing or extra key there.
 */
export const vi = {
  app: {
    productName: 'motcua',
    tagline: 'Hệ thống giải quyết thủ tục hành chính',
    documentTitle: 'motcua — Hệ thống giải quyết thủ tục hành chính',
    pageTitle: '{{page}} — motcua',
  },
  a11y: {
    skipLink: 'Bỏ qua đến nội dung chính',
    toggleNavigation: 'Mở hoặc đóng trình đơn điều hướng',
    mainNavigation: 'Điều hướng chính',
  },
  language: {
    label: 'Ngôn ngữ / Language',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  nav: {
    portal: 'Cổng dịch vụ công',
    home: 'Trang chủ',
    communes: 'Đơn vị hành chính',
    officer: 'Cán bộ',
    officerWorkspace: 'Xử lý hồ sơ',
    admin: 'Quản trị',
    adminOverview: 'Tổng quan',
    agencies: 'Cơ quan, đơn vị',
    system: 'Tình trạng hệ thống',
  },
  footer: {
    licence: 'motcua — phần mềm nguồn mở, giấy phép AGPL-3.0',
    version: 'Phiên bản {{version}}',
    apiDocs: 'Tài liệu API',
  },
  common: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    comingSoon: 'Sắp có',
    available: 'Đã có',
    open: 'Mở',
  },
  errors: {
    title: 'Không tải được dữ liệu',
    requestId: 'Mã yêu cầu: {{id}}',
    codes: {
      VALIDATION_FAILED: 'Dữ liệu gửi lên không hợp lệ.',
      NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
      ROUTE_NOT_FOUND: 'Không tìm thấy địa chỉ yêu cầu.',
      CONFLICT: 'Dữ liệu bị xung đột với bản ghi đã có.',
      UNAUTHENTICATED: 'Bạn cần đăng nhập để tiếp tục.',
      FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
      PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
      UNSUPPORTED_MEDIA_TYPE: 'Định dạng dữ liệu không được hỗ trợ.',
      RATE_LIMITED: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
      SERVICE_UNAVAILABLE: 'Dịch vụ tạm thời không khả dụng. Vui lòng thử lại sau.',
      INTERNAL: 'Hệ thống gặp lỗi. Vui lòng thử lại sau.',
      NETWORK_ERROR: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng.',
      INVALID_RESPONSE: 'Máy chủ trả về dữ liệu không đúng định dạng.',
    } satisfies Record<ClientErrorCode, string>,
  },
  home: {
    title: 'Cổng dịch vụ công',
    intro:
      'Cổng dịch vụ công của {{province}} giúp người dân và doanh nghiệp tra cứu thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi tình trạng giải quyết hồ sơ. Hệ thống đang được xây dựng: hiện đã có tra cứu đơn vị hành chính cấp xã sau sắp xếp; tra cứu thủ tục, nộp hồ sơ trực tuyến và theo dõi hồ sơ sắp có.',
    provinceFallback: 'tỉnh',
    servicesHeading: 'Dịch vụ',
    procedures: {
      title: 'Tra cứu thủ tục hành chính',
      body: 'Tìm thủ tục, thành phần hồ sơ, thời hạn giải quyết và lệ phí.',
    },
    submit: {
      title: 'Nộp hồ sơ trực tuyến',
      body: 'Khai và nộp hồ sơ qua mạng, không phải đến bộ phận một cửa.',
    },
    track: {
      title: 'Theo dõi hồ sơ',
      body: 'Tra cứu tình trạng giải quyết hồ sơ theo mã hồ sơ.',
    },
    communes: {
      title: 'Đơn vị hành chính cấp xã',
      body: 'Danh sách phường, xã, đặc khu hiện hành và tra cứu đơn vị cũ nay thuộc đơn vị nào.',
      link: 'Xem đơn vị hành chính',
    },
  },
  officer: {
    title: 'Khu vực cán bộ',
    body: 'Đây là nơi cán bộ tiếp nhận và xử lý hồ sơ. Chức năng đăng nhập cho cán bộ sẽ có cùng phân hệ định danh và xác thực, hiện chưa được xây dựng; vì vậy khu vực này chưa có chức năng nào.',
    notice: 'Chưa thể đăng nhập',
  },
  admin: {
    title: 'Quản trị hệ thống',
    intro:
      'Quản lý danh mục dùng chung và theo dõi tình trạng hoạt động của hệ thống. Hiện chưa có đăng nhập nên các trang này chỉ hiển thị thông tin, chưa cho phép chỉnh sửa.',
    agencies: {
      body: 'Danh sách cơ quan, đơn vị giải quyết thủ tục hành chính và mã định danh điện tử.',
    },
    system: {
      body: 'Tình trạng cơ sở dữ liệu và hàng đợi công việc.',
    },
  },
  agencies: {
    title: 'Cơ quan, đơn vị',
    intro:
      'Cơ quan, đơn vị tham gia giải quyết thủ tục hành chính, kèm mã định danh điện tử (theo Quyết định 20/2020/QĐ-TTg).',
    kindLabel: 'Loại cơ quan',
    kindAll: 'Tất cả các loại',
    searchLabel: 'Tìm theo tên hoặc mã định danh',
    searchPlaceholder: 'Ví dụ: Sở Tư pháp',
    count_one: '{{count}} cơ quan',
    count_other: '{{count}} cơ quan',
    tableLabel: 'Danh sách cơ quan, đơn vị',
    empty: 'Không có cơ quan, đơn vị nào phù hợp.',
    columns: {
      name: 'Tên cơ quan',
      electronicId: 'Mã định danh',
      kind: 'Loại',
      parent: 'Trực thuộc',
      status: 'Trạng thái',
    },
    active: 'Đang hoạt động',
    inactive: 'Ngừng hoạt động',
    kinds: {
      people_committee: 'Ủy ban nhân dân tỉnh',
      committee_office: 'Văn phòng UBND tỉnh',
      service_centre: 'Trung tâm Phục vụ hành chính công',
      service_centre_branch: 'Chi nhánh Trung tâm Phục vụ hành chính công',
      department: 'Sở, ban, ngành',
      police: 'Công an',
      commune_committee: 'UBND cấp xã',
      commune_service_centre: 'Trung tâm Phục vụ hành chính công cấp xã',
    } satisfies Record<AgencyKind, string>,
  },
  system: {
    title: 'Tình trạng hệ thống',
    refresh: 'Làm mới',
    checkedAt: 'Cập nhật lúc {{time}}',
    overall: 'Tình trạng chung',
    ok: 'Hoạt động bình thường',
    degraded: 'Suy giảm',
    up: 'Hoạt động',
    down: 'Không hoạt động',
    summaryLabel: 'Thông tin hệ thống',
    province: 'Tỉnh triển khai',
    version: 'Phiên bản',
    uptime: 'Thời gian hoạt động liên tục',
    uptimeValue: '{{hours}} giờ {{minutes}} phút',
    database: 'Cơ sở dữ liệu',
    latency: 'Độ trễ: {{ms}} ms',
    jobs: 'Hàng đợi công việc',
    queued: 'Đang chờ: {{count}}',
    failed: 'Thất bại: {{count}}',
    workerInProcess: 'Bộ xử lý công việc chạy chung tiến trình với máy chủ',
    workerSeparate: 'Bộ xử lý công việc chạy ở tiến trình riêng',
  },
  communes: {
    title: 'Đơn vị hành chính cấp xã',
    intro: 'Danh sách phường, xã, đặc khu của {{province}} theo bản đồ hành chính hiện hành.',
    listHeading: 'Danh sách đơn vị',
    searchLabel: 'Tìm đơn vị',
    searchDescription: 'Gõ tên hoặc mã đơn vị, có dấu hoặc không dấu',
    searchPlaceholder: 'Ví dụ: Trấn Biên',
    count_one: '{{count}} đơn vị',
    count_other: '{{count}} đơn vị',
    filteredCount: 'Tìm thấy {{shown}} / {{total}} đơn vị',
    tableLabel: 'Danh sách đơn vị hành chính cấp xã',
    empty: 'Không có đơn vị nào khớp với “{{q}}”.',
    columns: {
      code: 'Mã',
      name: 'Tên đơn vị',
      type: 'Loại',
    },
    types: {
      ward: 'Phường',
      commune: 'Xã',
      special_zone: 'Đặc khu',
      town: 'Thị trấn',
      district: 'Huyện',
      city: 'Thành phố',
      province: 'Tỉnh',
    } satisfies Record<UnitType, string>,
  },
  successors: {
    heading: 'Tra cứu đơn vị cũ',
    intro:
      'Nhập tên phường, xã, thị trấn trước khi sắp xếp để biết nay thuộc đơn vị hành chính nào.',
    inputLabel: 'Tên đơn vị cũ',
    placeholder: 'Ví dụ: Bửu Long',
    submit: 'Tra cứu',
    minChars: 'Nhập ít nhất 2 ký tự.',
    resultCount_one: 'Tìm thấy {{count}} đơn vị cũ',
    resultCount_other: 'Tìm thấy {{count}} đơn vị cũ',
    noResult: 'Không tìm thấy đơn vị cũ nào khớp với “{{q}}”.',
    resultsLabel: 'Kết quả tra cứu đơn vị cũ',
    nowPartOf: 'nay thuộc',
    noSuccessor: 'Chưa có thông tin đơn vị kế thừa.',
    coverage: {
      full: 'toàn bộ',
      partial: 'một phần',
    } satisfies Record<Coverage, string>,
    snapshot: {
      current: 'Hiện hành',
      '2025-07-01': 'Từ 01/07/2025',
      'pre-2025': 'Trước sắp xếp năm 2025',
    } satisfies Record<Snapshot, string>,
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ bạn truy cập không tồn tại hoặc đã được chuyển đi.',
    home: 'Về trang chủ',
  },
  routeError: {
    title: 'Đã xảy ra lỗi',
    body: 'Trang gặp lỗi không mong muốn. Vui lòng tải lại trang.',
    reload: 'Tải lại trang',
  },
};

/** Shape of a message catalogue: same keys as `vi`, any string values. */
type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
export type Messages = Catalogue<typeof vi>;
