// A preload for measuring the bench's Azurite, not for running it: every few seconds it appends the heap, the garbage collector's
// time by kind and the CPU used to a file, and it can write CPU profiles of chosen windows. Load it with
// NODE_OPTIONS="--require <path>/scripts/azurite-probe.cjs" in the environment of the verb that starts Azurite;
// AZURITE_PROBE_DIR names the folder (default: the working directory), AZURITE_PROBE_PROFILES the windows in seconds since
// Azurite started ("30-60,180-210").
const fs = require('fs');
const path = require('path');
const { PerformanceObserver, constants } = require('perf_hooks');

const folder = process.env.AZURITE_PROBE_DIR ?? process.cwd();
fs.mkdirSync(folder, { recursive: true });
const log = path.join(folder, `azurite-probe-${process.pid}.tsv`);
const started = Date.now();
const gc = { minor: 0, major: 0, incremental: 0, weak: 0, count: 0 };
const kinds = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    gc[kinds[entry.detail?.kind ?? entry.kind] ?? 'weak'] += entry.duration;
    gc.count++;
  }
}).observe({ entryTypes: ['gc'] });

fs.writeFileSync(log, 'seconds\trss_mib\theap_used_mib\theap_total_mib\texternal_mib\tcpu_s\tgc_minor_s\tgc_major_s\tgc_incremental_s\tgc_count\n');
const mib = bytes => (bytes / 1048576).toFixed(1);
setInterval(() => {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  fs.appendFileSync(log, [((Date.now() - started) / 1000).toFixed(0), mib(memory.rss), mib(memory.heapUsed), mib(memory.heapTotal),
    mib(memory.external), ((cpu.user + cpu.system) / 1e6).toFixed(1), (gc.minor / 1000).toFixed(2), (gc.major / 1000).toFixed(2),
    (gc.incremental / 1000).toFixed(2), gc.count].join('\t') + '\n');
}, 5000).unref();

const windows = (process.env.AZURITE_PROBE_PROFILES ?? '').split(',').filter(Boolean).map(w => w.split('-').map(Number));
if (windows.length > 0) {
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  for (const [from, to] of windows) {
    setTimeout(() => session.post('Profiler.start'), from * 1000).unref();
    setTimeout(() => session.post('Profiler.stop', (error, result) => {
      if (!error) {
        fs.writeFileSync(path.join(folder, `azurite-${process.pid}-${from}-${to}.cpuprofile`), JSON.stringify(result.profile));
      }
    }), to * 1000).unref();
  }
}

// AZURITE_PROBE_BATCHES=N writes the bodies of the first N table transactions ($batch) as they arrive, to see what an entity costs
// in bytes as sent. It copies the chunks the request emits and adds no listener of its own, so the request flows as it would.
const batches = Number(process.env.AZURITE_PROBE_BATCHES ?? 0);
if (batches > 0) {
  const http = require('http');
  let captured = 0;
  const emit = http.IncomingMessage.prototype.emit;
  http.IncomingMessage.prototype.emit = function (event, chunk, ...rest) {
    if (event === 'data' || event === 'end') {
      if (this.probeChunks === undefined) {
        this.probeChunks = this.url?.includes('$batch') && captured < batches ? [] : null;
        this.probeIndex = this.probeChunks ? captured++ : -1;
      }

      if (this.probeChunks && event === 'data') {
        this.probeChunks.push(Buffer.from(chunk));
      } else if (this.probeChunks && event === 'end') {
        fs.writeFileSync(path.join(folder, `batch-${process.pid}-${this.probeIndex}.txt`), Buffer.concat(this.probeChunks));
      }
    }

    return emit.call(this, event, chunk, ...rest);
  };
}
