export * from './errors.js';
export * from './health.js';
export * from './geography.js';
export * from './organisation.js';
export * from './catalog.js';
export * from './calendar.js';
export * from './identity.js';
export * from './dossiers.js';
