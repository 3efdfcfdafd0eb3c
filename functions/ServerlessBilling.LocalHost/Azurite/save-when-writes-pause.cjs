// Preloaded (node -r) into the Azurite the local host starts with a data folder. Azurite keeps each store in a LokiJS
// database and, while anything changed, writes it whole every 5 s: JSON.stringify of every row, on Node's one thread, so
// every request waits meanwhile. The table store grows by about 3.3 KB an event (usage row, identity claim, archived
// payload): 50 MB after 15,000 webhook deliveries, 0.3 to 0.7 s a save, which was the acknowledgements' p99 at 500/s
// (docs/performance.md, "The tail was Azurite saving"). Here a store is saved once its writes have paused for
// QUIET_MS, and at most every AT_MOST_MS while they never pause; stopping Azurite (SIGTERM/SIGINT) still saves what
// is left. What a hard kill of Azurite can lose grows from 5 s of writes to AT_MOST_MS of them under steady load.
"use strict";

const QUIET_MS = 1000;
const AT_MOST_MS = 60000;
const CHECK_MS = 250;

// Azurite's own lokijs, resolved from its entry point (process.argv[1]), not from this file's folder.
const Loki = require("module").createRequire(process.argv[1])("lokijs");

// A symbol, so Loki's own save (JSON.stringify of the database object) does not write it into the file.
const savePending = Symbol("savePending");

Loki.prototype.autosaveEnable = function autosaveWhenWritesPause(options, callback) {
  this.autosave = true;
  const db = this;
  let pending = false;
  let changedAt = 0;
  let savedAt = Date.now();
  this.autosaveHandle = setInterval(() => {
    const now = Date.now();
    // A collection is marked dirty on each write; taking the marks here tells whether writes go on, and savePending
    // keeps what is owed (restored for close, below).
    if (db.autosaveDirty() && !db.ignoreAutosave) {
      pending = true;
      changedAt = now;
      db.autosaveClearFlags();
    }

    db[savePending] = pending;
    if (pending && (now - changedAt >= QUIET_MS || now - savedAt >= AT_MOST_MS)) {
      pending = false;
      db[savePending] = false;
      savedAt = now;
      db.saveDatabase(callback);
    }
  }, CHECK_MS);
};

// Loki's close saves only a database marked dirty; one whose marks were taken above and not yet saved is marked again.
const close = Loki.prototype.close;
Loki.prototype.close = function closeSavingWhatIsPending(callback) {
  if (this[savePending] && this.collections.length > 0) {
    this.collections[0].dirty = true;
  }

  return close.call(this, callback);
};
