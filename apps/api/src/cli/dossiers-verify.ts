import { createModules } from '../app.js';
import { systemClock } from '../platform/clock.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { withDatabase } from './with-database.js';

// `npm run dossiers:verify [-- --rebuild]`: folds every dossier's action log under its pinned
// rules and the working calendar and compares the result with the stored row; `--rebuild`
// writes the fold into the row. Exit code 1 when differences remain (for monitoring).
const rebuild = process.argv.includes('--rebuild');

await withDatabase(
  'dossiers-verify',
  async ({ config, log, database, url }) => {
    await migrateDatabase(database);
    const { dossiers } = createModules(
      { config, databaseUrl: url, clock: systemClock, log },
      database,
    );
    const started = performance.now();
    const report = await dossiers.verifyDossiers({ rebuild });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = [
      `Hồ sơ đã đối chiếu với nhật ký: ${report.dossiers} (${seconds} s)`,
      `Khác với nhật ký:              ${report.different.length}${rebuild ? ` (đã dựng lại ${report.rebuilt})` : ''}`,
      ...report.different.slice(0, 20).map((d) => `  - ${d.code}: ${d.fields.join(', ')}`),
      `Nhật ký không hợp lệ theo quy tắc: ${report.unfoldable.length}`,
      ...report.unfoldable.slice(0, 20).map((d) => `  - ${d.code}: ${d.error}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const remaining = rebuild ? 0 : report.different.length;
    if (remaining + report.unfoldable.length > 0) process.exitCode = 1;
  },
  { quiet: true },
);
