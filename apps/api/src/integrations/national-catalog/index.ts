export * from './contract.js';
export {
  createNationalCatalogClient,
  type ListProceduresQuery,
  type NationalCatalogClient,
  type NationalCatalogClientOptions,
  type ProcedurePage,
} from './client.js';
export {
  ScrapedProcedure,
  toNationalRecord,
  toChannels,
  toLegalBasis,
  toPaperSets,
  toResults,
} from './scraped-format.js';
