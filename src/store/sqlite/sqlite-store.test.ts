import { runStoreContract } from '../store-contract.js';
import { runLivingStoreContract } from '../store-living-contract.js';
import { SqliteStore } from './sqlite-store.js';

runStoreContract('sqlite', async () => ({ store: new SqliteStore({ path: ':memory:' }), cleanup: async () => undefined }));
runLivingStoreContract('sqlite', async () => ({ store: new SqliteStore({ path: ':memory:' }), cleanup: async () => undefined }));
