import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { createModules } from '../app.js';
import { systemClock } from '../platform/clock.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { withDatabase } from './with-database.js';

// `npm run catalog:import -- <file-or-dir>`: loads procedures in the scraped dichvucong.gov.vn
// format. With the embedded default it joins the server a running `npm start` already uses.
const target = process.argv[2];
if (!target) {
  console.error('Cách dùng / usage: npm run catalog:import -- <tệp .json hoặc thư mục>');
  process.exit(2);
}
// npm runs workspace scripts in the workspace folder; the user meant a path from where they typed.
const resolvedTarget = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);

const exists = await stat(resolvedTarget).then(
  () => true,
  () => false,
);
if (!exists) {
  console.error(`Không tìm thấy tệp hoặc thư mục: ${resolvedTarget}`);
  process.exit(2);
}

await withDatabase(
  'catalog-import',
  async ({ config, log, database, url }) => {
    await migrateDatabase(database);
    const { catalog } = createModules(
      { config, databaseUrl: url, clock: systemClock, log },
      database,
    );
    const bar = new SingleBar(
      { format: 'Nhập thủ tục [{bar}] {value} bản ghi | {duration}s', hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(0, 0);
    const summary = await catalog.importFiles(resolvedTarget, (done) => {
      bar.setTotal(Math.max(done, 1));
      bar.update(done);
    });
    bar.stop();
    const lines = [
      `Đã đọc:            ${summary.read}`,
      `Thêm mới:          ${summary.created}`,
      `Cập nhật (phiên bản mới): ${summary.updated}`,
      `Không thay đổi:    ${summary.unchanged}`,
      `Có trường chưa đọc được: ${summary.withParseIssues} (xem parseIssues ở /api/procedures/<mã>)`,
      `Bị từ chối:        ${summary.rejected.length}`,
      ...summary.rejected.slice(0, 20).map((r) => `  - ${r.where}: ${r.message}`),
      ...(summary.rejected.length > 20
        ? [`  … và ${summary.rejected.length - 20} bản ghi khác`]
        : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  },
  { quiet: true },
);
