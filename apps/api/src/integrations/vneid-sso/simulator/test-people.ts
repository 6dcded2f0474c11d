// The test people live beside the contract: the demo data of the app uses them too.
export * from '../test-people.js';
