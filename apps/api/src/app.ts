import path from 'node:path';
import { MINISTRY_NAMES, type HealthResponse } from '@motcua/contracts';
import type { FastifyInstance } from 'fastify';
import { repoRoot, type Config } from './config.js';
import { buildServer } from './http/server.js';
import { createDvcqgClient } from './integrations/dvcqg/index.js';
import { createMinistryClient } from './integrations/ministry/index.js';
import { createNationalCatalogClient } from './integrations/national-catalog/index.js';
import { createPaymentPlatformClient } from './integrations/payment-platform/index.js';
import { createVneidClient } from './integrations/vneid-sso/index.js';
import { TEST_CITIZENS, techIdOf } from './integrations/vneid-sso/test-people.js';
import { createCalendarModule, parseWorkingWindows } from './modules/calendar/index.js';
import { createCatalogModule } from './modules/catalog/index.js';
import { createFeesModule } from './modules/fees/index.js';
import { createDossiersModule, readableBy, type AgencyRef } from './modules/dossiers/index.js';
import { createSyncModule } from './modules/sync/index.js';
import { createWorkflowModule } from './modules/workflow/index.js';
import { createGeographyModule } from './modules/geography/index.js';
import { createIdentityModule, reachOf } from './modules/identity/index.js';
import { createMinistryIngestModule } from './modules/ministry-ingest/index.js';
import { createOrganisationModule } from './modules/organisation/index.js';
import { createPaymentsModule } from './modules/payments/index.js';
import type { Clock } from './platform/clock.js';
import { checkDatabase, openDatabase, type Database } from './platform/db/database.js';
import { migrateDatabase } from './platform/db/migrate.js';
import { checkQueue, mergeJobDefinitions, type JobDefinitions } from './platform/jobs/jobs.js';
import type { Logger } from './platform/logger.js';
import { createStorage } from './platform/storage/storage.js';

export const VERSION = '0.1.0';

export interface AppDeps {
  config: Config;
  databaseUrl: string;
  clock: Clock;
  log: Logger;
  /** Whether this process runs jobs itself (reported by /api/health). */
  inProcessWorker?: boolean;
}

/** The composition root: builds every module from config and wires them together. */
export function createModules(deps: AppDeps, database: Database) {
  const { config, clock, log } = deps;
  const organisation = createOrganisationModule({
    db: database.db,
    log,
    provinceCode: config.provinceCode,
    dataDir: path.join(repoRoot, 'data/organisation'),
  });
  const identity = createIdentityModule({
    db: database.db,
    clock,
    log,
    listAgencies: async () => (await organisation.listAgencies({})).items,
    demoAccountsFile: path.join(repoRoot, 'data/identity/demo-accounts.json'),
    seedDemoAccounts: config.auth.demoAccounts,
    production: config.env === 'production',
    auth: config.auth,
    vneid: createVneidClient(config.integrations.vneid),
    // The legacy x-admin-token stays accepted beside sessions, for scripts and tests.
    adminToken: config.adminToken,
    routes: { vneidRedirectUrl: config.integrations.vneid.redirectUrl },
  });
  const geography = createGeographyModule({
    db: database.db,
    clock,
    log,
    dataDir: path.join(repoRoot, 'data/admin-units'),
    provinceCode: config.provinceCode,
    requireOperator: identity.guards.adminTokenOr('manage', 'Integration'),
  });
  const deployedProvince = async () =>
    (await geography.listProvinces('current')).items.find((p) => p.code === config.provinceCode);
  const catalog = createCatalogModule({
    db: database.db,
    clock,
    log,
    bundledDir: path.join(repoRoot, 'data/procedures'),
    nationalCatalog: createNationalCatalogClient({
      baseUrl: config.integrations.nationalCatalog.url,
      username: config.integrations.nationalCatalog.username,
      password: config.integrations.nationalCatalog.password,
    }),
    requireAdmin: identity.guards.adminTokenOr('manage', 'Catalog'),
    requireStaff: identity.guards.staffOrAdminToken,
    fieldDepartmentsFile: path.join(repoRoot, 'data/catalog/field-departments.json'),
    listDepartments: async () =>
      (await organisation.listAgencies({ kind: 'department' })).items.map((a) => ({
        id: a.id,
        name: a.shortName ?? a.name,
      })),
    provinceName: async () => (await deployedProvince())?.fullName ?? config.provinceCode,
    demoProcessingTimesFile:
      config.auth.demoAccounts && config.env !== 'production'
        ? path.join(repoRoot, 'data/catalog/demo-processing-times.json')
        : null,
    localDefaultsDir: path.join(repoRoot, 'data/catalog'),
  });
  const calendar = createCalendarModule({
    db: database.db,
    clock,
    log,
    dataDir: path.join(repoRoot, 'data/calendar'),
    windows: parseWorkingWindows(config.calendar.workingWindows),
    requireAdmin: identity.guards.adminTokenOr('manage', 'Calendar'),
    actorOf: identity.guards.actorLabelOf,
  });
  const workflow = createWorkflowModule({
    db: database.db,
    clock,
    getCalendar: () => calendar.getCalendar(),
    getProcedure: (code) => catalog.getProcedure(code),
    listUnits: async () => (await identity.listUnits({})).items,
    listAgencies: async () => (await organisation.listAgencies({})).items,
    defaultsDir: path.join(repoRoot, 'data/workflow'),
    log,
    requireAdmin: identity.guards.adminTokenOr('manage', 'Catalog'),
    accountOf: async (request) => (await identity.guards.principalOf(request))?.accountId ?? null,
  });
  // Agencies change by decision, not by the minute; intake looks them up on every filing.
  let agencies: Promise<Map<string, AgencyRef>> | null = null;
  const agencyMap = () =>
    (agencies ??= organisation
      .listAgencies({})
      .then((list) => new Map(list.items.map((a) => [a.id, a]))));
  const findAgencyByElectronicId = async (eid: string) =>
    [...(await agencyMap()).values()].find((a) => a.electronicId === eid);
  const fees = createFeesModule({
    db: database.db,
    clock,
    log,
    getProcedure: (code) => catalog.getProcedure(code),
    findAgencyByElectronicId,
    dataDir: path.join(repoRoot, 'data/fees'),
    guards: {
      requireAdmin: identity.guards.adminTokenOr('manage', 'Catalog'),
      actorOf: identity.guards.actorLabelOf,
    },
  });
  const ministryIngest = createMinistryIngestModule({
    db: database.db,
    clock,
    log,
    crontab: config.integrations.ministries.cron,
    systems: config.integrations.ministries.systems.map(({ source, ...options }) => ({
      source,
      client: createMinistryClient({
        ...options,
        pageSize: config.integrations.ministries.pageSize,
        name: `Hệ thống của ${MINISTRY_NAMES[source].ministry}`,
        provinceCode: `H${config.provinceCode}`,
      }),
    })),
    findAgencyByElectronicId,
    guards: {
      requireAdmin: identity.guards.adminTokenOr('manage', 'Integration'),
      requireStaff: identity.guards.staffOrAdminToken,
      // The same reach as over our dossiers: province-wide readers see all, others their agencies.
      agenciesOf: async (request) => {
        if (await identity.guards.adminToken(request)) return null;
        const reach = reachOf((await identity.guards.signedIn(request)).ability, 'read', 'Dossier');
        return reach.all ? null : [...reach.agencyIds];
      },
    },
  });
  const dossiers = createDossiersModule({
    db: database.db,
    clock,
    catalog,
    workflow,
    getCalendar: () => calendar.getCalendar(),
    demo: config.auth.demoAccounts && config.env !== 'production',
    formTemplatesFile: path.join(repoRoot, 'data/forms/tt03-2025.json'),
    publicUrl: config.publicUrl,
    placeName: async () => (await deployedProvince())?.name ?? '',
    findAgency: async (id) => (await agencyMap()).get(id),
    findAgencyByElectronicId,
    listUnits: async (agencyId) => (await identity.listUnits({ agencyId })).items,
    officerContact: (accountId) => identity.officerContact(accountId),
    // The VNeID simulator's first test person, for the demo dossier waiting for its fee.
    demoApplicant: () => {
      const [person] = TEST_CITIZENS;
      return identity.demoCitizen({
        techId: techIdOf('citizen', person.SoDinhDanh),
        name: person.HoVaTen,
        idNumber: person.SoDinhDanh,
        phone: person.SoDienThoai,
      });
    },
    guards: identity.guards,
    storage: createStorage(config.storage),
    uploads: config.uploads,
    lookupPerMinute: config.http.lookupPerMinute,
    // The public lookup finds ministry-settled dossiers too (dossiers never imports the ingest).
    externalLookup: ministryIngest.lookup,
    // The fee a paying step or payment on filing asks for (dossiers never imports fees).
    quoteFee: ({ procedureCode, agencyId, channel, filedAt }) =>
      fees.quote({ procedureCode, agencyId, channel, at: filedAt }),
  });
  // A day off added or removed moves the due times of open dossiers (calendar never imports
  // dossiers: it calls the handlers registered here, in the job that records the change).
  calendar.registerRecomputeHandler('dossiers', dossiers.recomputeDeadlines);
  const sync = createSyncModule({
    db: database.db,
    clock,
    log,
    targets: config.integrations.sync.targets.map((options) => ({
      target: options.target,
      client: createDvcqgClient(options),
    })),
    dossiers,
    agencyName: async (id) => (await agencyMap()).get(id)?.name,
    guards: {
      requireAdmin: identity.guards.adminTokenOr('manage', 'Integration'),
      // The token reads every dossier; an officer those in scope (404 otherwise).
      readerOf: async (request) =>
        (await identity.guards.adminToken(request))
          ? () => true
          : readableBy(await identity.guards.signedIn(request)),
    },
  });
  // Every action appended to a dossier's log is queued for the national systems in its own
  // transaction (dossiers never imports sync).
  dossiers.onAppended(sync.enqueue);
  const payments = createPaymentsModule({
    db: database.db,
    clock,
    log,
    platform: createPaymentPlatformClient(config.payment),
    settings: config.payment,
    quote: (input) => fees.quote(input),
    dossiers,
    storage: createStorage(config.storage),
    findAgency: async (id) => (await agencyMap()).get(id),
    procedureName: async (code) =>
      (await catalog.getProcedure(code).catch(() => undefined))?.content.name,
    guards: identity.guards,
  });
  const jobs: JobDefinitions = mergeJobDefinitions([
    geography.jobs,
    catalog.jobs,
    fees.jobs,
    calendar.jobs,
    dossiers.jobs,
    sync.jobs,
    ministryIngest.jobs,
    payments.jobs,
  ]);
  return {
    geography,
    organisation,
    identity,
    catalog,
    calendar,
    workflow,
    dossiers,
    sync,
    ministryIngest,
    fees,
    payments,
    jobs,
  };
}

export type Modules = ReturnType<typeof createModules>;

export interface App {
  config: Config;
  database: Database;
  modules: Modules;
  server: FastifyInstance;
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const database = openDatabase(deps.databaseUrl, {
    max: deps.config.database.poolMax,
    role: deps.config.database.appRole,
    ...(deps.config.database.ownerUrl ? { ownerUrl: deps.config.database.ownerUrl } : {}),
  });
  const modules = createModules(deps, database);
  const started = deps.clock.now().getTime();
  let provinceName: string | undefined;

  const health = async (): Promise<HealthResponse> => {
    const [db, queue] = await Promise.all([checkDatabase(database.db), checkQueue(database.db)]);
    if (!provinceName && db.status === 'up') {
      const list = await modules.geography.listProvinces('current').catch(() => undefined);
      provinceName = list?.items.find((p) => p.code === deps.config.provinceCode)?.fullName;
    }
    return {
      status: db.status === 'up' && queue.status === 'up' ? 'ok' : 'degraded',
      version: VERSION,
      uptimeSeconds: Math.round((deps.clock.now().getTime() - started) / 1000),
      province: { code: deps.config.provinceCode, name: provinceName ?? deps.config.provinceCode },
      database: db,
      jobs: { ...queue, inProcessWorker: deps.inProcessWorker ?? false },
      uploads: { maxBytes: deps.config.uploads.maxBytes },
    };
  };

  const server = await buildServer({
    config: deps.config,
    version: VERSION,
    routes: [
      modules.geography.routes,
      modules.organisation.routes,
      modules.identity.routes,
      modules.catalog.routes,
      modules.calendar.routes,
      modules.workflow.routes,
      modules.dossiers.routes,
      modules.sync.routes,
      modules.ministryIngest.routes,
      modules.fees.routes,
      modules.payments.routes,
    ],
    health,
  });
  return {
    config: deps.config,
    database,
    modules,
    server,
    close: async () => {
      await server.close();
      // Receipt fetches started after answering the platform finish before the pool closes.
      await modules.payments.drain();
      await database.close();
    },
  };
}

/** Schema first, then the reference data and seeds every deployment needs. */
export async function prepareDatabase(database: Database, modules: Modules): Promise<void> {
  await migrateDatabase(database);
  await modules.geography.loadReferenceData();
  await modules.organisation.seedAgencies();
  await modules.identity.seedDemoAccounts();
  await modules.catalog.prepare();
  await modules.fees.prepare();
  await modules.calendar.seedCalendar();
  await modules.workflow.seedDefaults();
  await modules.ministryIngest.prepare();
  // Demo dossiers at a ward's one-stop centre, in different states (README: try the lookup).
  const centre = (
    await modules.organisation.listAgencies({
      q: 'Trung tâm Phục vụ hành chính công Phường Trấn Biên',
    })
  ).items[0];
  if (centre) {
    await modules.dossiers.seedDemo({ receivingAgencyId: centre.id, procedureCode: '1.004837' });
  }
}
