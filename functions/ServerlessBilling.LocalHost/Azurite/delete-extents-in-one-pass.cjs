// Preloaded (node -r) into every Azurite the local host starts. In memory (--inMemoryPersistence) Azurite keeps each queue
// message and each blob write in an extent of its own, with a row in a LokiJS collection indexed by extent id. Its queue
// and blob garbage collectors (the queue's every 60 s after the last one ended) delete the extents no message or blob
// refers to any more, one row at a time; LokiJS rebuilds the collection's index after each removal (a sort of every row),
// so a sweep costs removed rows x all rows x log(rows), on Node's one thread, every request waiting meanwhile. Under a
// steady webhook load that was 15 s for 1,280 of 3,756 rows, and `serve --in-memory` stopped answering for 20 s a minute
// in (docs/performance.md, "The in-memory stall was Azurite's queue garbage collector"). Here a sweep removes its rows in
// one batch: one pass and one index rebuild, whatever it removes.
"use strict";

// Azurite's own modules, resolved from its entry point (process.argv[1]), not from this file's folder.
const azurite = require("module").createRequire(process.argv[1]);
const MemoryExtentStore = azurite("azurite/dist/src/common/persistence/MemoryExtentStore").default;

const deleteOneByOne = MemoryExtentStore.prototype.deleteExtents;

MemoryExtentStore.prototype.deleteExtents = async function deleteExtentsInOnePass(extents) {
  const metadata = this.metadataStore;
  const rows = metadata && metadata.db && metadata.EXTENTS_COLLECTION
    ? metadata.db.getCollection(metadata.EXTENTS_COLLECTION)
    : null;
  if (!rows) {
    // Not the LokiJS metadata store this was written against: Azurite's own way, slow but right.
    return deleteOneByOne.call(this, extents);
  }

  const doomed = new Set(extents);
  for (const id of doomed) {
    this.chunks.delete(this.categoryName, id);
  }

  rows.removeWhere((row) => doomed.has(row.id));
  return doomed.size;
};
