// Run by AzuriteExtentSweepTests: writes 300 extents into Azurite's own in-memory extent store, deletes 200 of them in one
// deleteExtents call (as its queue and blob garbage collectors do), and prints as JSON what is left, whether the kept ones
// still read back, and how often the extents' LokiJS index was rebuilt. Azurite's modules are resolved from this file's
// folder upwards (the repository's node_modules), as the preloaded patch resolves them from process.argv[1].
"use strict";

const azurite = require("module").createRequire(process.argv[1]);
const { default: MemoryExtentStore, MemoryExtentChunkStore } = azurite("azurite/dist/src/common/persistence/MemoryExtentStore");
const { default: LokiExtentMetadataStore } = azurite("azurite/dist/src/common/persistence/LokiExtentMetadataStore");

const quiet = { error() {}, warn() {}, info() {}, verbose() {}, debug() {} };

async function text(store, extent) {
  let read = "";
  for await (const chunk of await store.readExtent(extent)) {
    read += chunk.toString();
  }

  return read;
}

(async () => {
  const metadata = new LokiExtentMetadataStore(`extent-sweep-${process.pid}-${Date.now()}`, true);
  const store = new MemoryExtentStore("sweep", new MemoryExtentChunkStore(undefined), metadata, quiet, (status, code, message) => new Error(message));
  await store.init();

  const written = [];
  for (let i = 0; i < 300; i++) {
    written.push(await store.appendExtent(Buffer.from(`extent ${i}`)));
  }

  const rows = metadata.db.getCollection(metadata.EXTENTS_COLLECTION);
  let indexRebuilds = 0;
  const ensureAllIndexes = rows.ensureAllIndexes;
  rows.ensureAllIndexes = function countedEnsureAllIndexes(...args) {
    indexRebuilds++;
    return ensureAllIndexes.apply(this, args);
  };

  const doomed = new Set(written.filter((_, i) => i % 3 !== 0).map((extent) => extent.id));
  const deleted = await store.deleteExtents(doomed);

  const kept = written.filter((extent) => !doomed.has(extent.id));
  let keptReadable = 0;
  for (const extent of kept) {
    if ((await text(store, extent)) === `extent ${written.indexOf(extent)}`) {
      keptReadable++;
    }
  }

  console.log(JSON.stringify({
    deleted,
    rowsLeft: rows.count(),
    doomedRowsLeft: rows.find().filter((row) => doomed.has(row.id)).length,
    doomedChunksLeft: [...doomed].filter((id) => store.chunks.get("sweep", id) !== undefined).length,
    keptReadable,
    indexRebuilds,
    // After a sweep the index must still find a kept row by id (a batch removal rebuilds it once).
    keptFoundById: kept.filter((extent) => rows.findOne({ id: extent.id }) !== null).length,
  }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
