import { describe } from 'vitest';
import { runStoreContract } from './store-contract.js';
import { runLivingStoreContract } from './store-living-contract.js';
import { runPruneStoreContract } from './store-prune-contract.js';
import { runCallbackStoreContract } from './store-callback-contract.js';
import { STORES } from './stores.js';

// One contract, every backend.
for (const backend of STORES) {
  const why = backend.unavailable();
  if (why) process.stdout.write(`Store contract not run on ${backend.name}: ${why}\n`);
  describe.skipIf(why !== undefined)(`store: ${backend.name}`, () => {
    runStoreContract(backend.name, (options) => backend.open(options));
    runLivingStoreContract(backend.name, () => backend.open());
    runPruneStoreContract(backend.name, () => backend.open());
    runCallbackStoreContract(backend.name, () => backend.open());
  });
}
