// Preloaded (node -r) into the Azurite the local host starts with a data folder. Azurite 3.37 keeps each of its stores
// (__azurite_db_table__.json, __azurite_db_blob__.json, __azurite_db_queue__.json and their _extent_ files) in a LokiJS
// 1.5.12 database with the "fs" adapter, and, while anything changed, writes it whole every 5 s: one JSON.stringify of the
// database, every row of every table, on Node's one thread, so every request waited meanwhile. The table store grows by
// about 3.3 KB an event (usage row, identity claim, archived payload): 50 MB after 15,000 webhook deliveries, 0.3 to 0.7 s
// a save, which was the acknowledgements' p99 at 500/s (docs/performance.md, "The tail was Azurite saving").
//
// Two changes, to persistence only (Azurite's load path is untouched: the file is what Loki's own save writes):
// - When: a store is saved once its writes have paused for QUIET_MS, and at most every AT_MOST_MS while they never pause;
//   stopping Azurite (SIGTERM/SIGINT) still saves what is left, after it has stopped taking requests.
// - How: a table (a Loki collection) at a time, between requests. One event-loop turn takes a table's snapshot: its
//   indexes and everything but its rows, serialized then, and the list of its rows; its rows are then serialized
//   ROWS_A_TURN a turn (a table can be a quarter of the store: the archived payloads are one table). The file is
//   written asynchronously to "<file>~" (as Loki's own adapter does) and renamed into place, so a crash mid-save leaves
//   the last whole file. A request waits for a slice of rows at most, not for the whole store.
//
// Consistency: each table in the file is whole and as it was when its snapshot was taken (its rows as listed then, with
// the indexes of then), but two tables may be from moments up to the save's length apart (one to a few seconds at
// 170 MB). After a hard kill, a write that spans tables (an identity claim and its usage row) can be found in one and
// not the other; a stop saves everything once requests have stopped, so that file is consistent. Acceptable for a local
// emulator's store: a hard kill already loses up to AT_MOST_MS of acknowledged writes, a save that stopped every request
// for a second broke the acknowledgement goal, and Azure's tables give no atomicity across tables either, so the code
// does not rely on it. A table removed during a save is still written (a collection no table lists is ignored, and one
// added again under its name replaces it); one added during a save is written too, so a listed table has its rows.
"use strict";

const fs = require("fs");

const QUIET_MS = 1000;
const AT_MOST_MS = 60000;
const CHECK_MS = 250;
// About 0.5 MB of JSON at Azurite's 1 KB rows a turn: the longest turn of a 142-MB save was 8 to 29 ms at a load of 10 to
// 14 (2,000 rows: 16 to 45 ms, and no shorter a save).
const ROWS_A_TURN = 500;

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

// Loki's saveDatabase calls this one save at a time (its throttledSaves queue): a save asked for meanwhile, by the timer
// or by close, runs once this one has finished, so what was written during a save is saved by the next.
const saveWhole = Loki.prototype.saveDatabaseInternal;
Loki.prototype.saveDatabaseInternal = function saveTableByTable(callback) {
  const done = callback || ((error) => { if (error) { throw error; } });
  const frame = this.persistenceMethod === "fs" && this.options.serializationMethod === "normal"
    ? splitAt(this, "collections", this.serializeReplacer) : null;
  if (frame === null) {
    saveWhole.call(this, callback);
    return;
  }

  const db = this;
  const tables = []; // snapshots, in the order taken
  const taken = new Set();
  let current = null;
  const step = () => {
    if (current === null) {
      const collection = db.collections.find((candidate) => !taken.has(candidate));
      if (collection === undefined) {
        writeFile(db, fileParts(frame, tables.filter((table) => stillHeld(db, table.collection))), done);
        return;
      }

      taken.add(collection);
      current = takeSnapshot(db, collection);
      if (current === null) {
        saveWhole.call(db, callback); // a collection Loki would write differently: the whole store as before
        return;
      }

      tables.push(current);
    }

    if (!serializeRows(db, current, ROWS_A_TURN)) {
      current = null;
    }

    setImmediate(step);
  };
  setImmediate(step);
};

// In one turn, the table as it is now: its indexes (serialized here, with everything but its rows) and the list of its
// rows. Azurite never changes a stored row: an update or replace removes it and inserts a new one, a merge puts a new
// object in its place (sharing only Loki's meta, whose revision may then read one ahead), so the rows listed here are
// as they were when their turns come. A write after this turn marks the collection dirty for the next save.
function takeSnapshot(db, collection) {
  const dirty = collection.dirty;
  collection.dirty = false;
  const frame = splitAt(collection, "data", db.serializeReplacer);
  if (frame === null) {
    collection.dirty = dirty;
    return null;
  }

  const rows = collection.data.slice();
  return { collection, frame, rows, ids: rows.map((row) => row.$loki), metas: rows.map((row) => row.meta), texts: [], next: 0 };
}

// The next rows of a snapshot, as Loki's save would write them; false once they are all done.
function serializeRows(db, table, count) {
  const end = Math.min(table.rows.length, table.next + count);
  if (end > table.next) {
    const slice = [];
    for (let index = table.next; index < end; index++) {
      // Loki's remove takes $loki and meta off the row it removes; one removed since the snapshot is written as it was.
      const row = table.rows[index];
      slice.push(row.$loki === table.ids[index] ? row : { ...row, meta: table.metas[index], $loki: table.ids[index] });
    }

    table.texts.push(JSON.stringify(slice, db.serializeReplacer).slice(1, -1));
    table.next = end;
  }

  return end < table.rows.length;
}

const MARK = "\u0000rows\u0000";

// An object as JSON.stringify(object, replacer) writes it, split where the value of one of its keys goes.
function splitAt(object, key, replacer) {
  const shell = {};
  for (const own of Object.keys(object)) {
    shell[own] = own === key ? MARK : object[own];
  }

  const text = JSON.stringify(shell, replacer);
  const mark = JSON.stringify(MARK);
  const at = text.indexOf(mark);
  return at < 0 || text.lastIndexOf(mark) !== at ? null : { head: text.slice(0, at), tail: text.slice(at + mark.length) };
}

// Of two collections under one name (removed and added again during the save) only the one still in the database goes in
// the file, so the file loads into what Azurite holds; one removed and not replaced is kept (unlisted, it is ignored).
function stillHeld(db, collection) {
  return db.collections.includes(collection) || !db.collections.some((held) => held.name === collection.name);
}

// The file's text in parts of about a megabyte or more (a part a write), in the order Loki's save writes them.
function fileParts(frame, tables) {
  const parts = [];
  const add = (text) => {
    if (parts.length > 0 && parts[parts.length - 1].length + text.length < 1 << 20) {
      parts[parts.length - 1] += text;
    } else {
      parts.push(text);
    }
  };
  add(frame.head + "[");
  tables.forEach((table, index) => {
    add((index === 0 ? "" : ",") + table.frame.head + "[");
    table.texts.forEach((text, slice) => add(slice === 0 ? text : "," + text));
    add("]" + table.frame.tail);
  });
  add("]" + frame.tail);
  return parts;
}

// Written piece by piece (no second copy of the store as one string), to "<file>~", then renamed over the file: what a
// crash mid-save leaves is the last whole save. On failure the tables are marked dirty, so the next save writes them.
function writeFile(db, texts, done) {
  const temporary = db.filename + "~";
  const fail = (error) => {
    db.collections.forEach((collection) => { collection.dirty = true; });
    done(error);
  };

  fs.open(temporary, "w", (openError, fd) => {
    if (openError) {
      fail(openError);
      return;
    }

    const writeNext = (index, buffer, offset) => {
      if (index === texts.length) {
        fs.close(fd, (closeError) => (closeError ? fail(closeError) : fs.rename(temporary, db.filename, (error) => (error ? fail(error) : done()))));
        return;
      }

      if (offset === buffer.length) {
        writeNext(index + 1, index + 1 < texts.length ? Buffer.from(texts[index + 1], "utf8") : null, 0);
        return;
      }

      // A write can take part of a buffer; the rest follows.
      fs.write(fd, buffer, offset, buffer.length - offset, null, (writeError, bytes) => {
        if (writeError) {
          fs.close(fd, () => fail(writeError));
          return;
        }

        writeNext(index, buffer, offset + bytes);
      });
    };
    writeNext(0, Buffer.from(texts[0], "utf8"), 0);
  });
}
