// What one entity insert costs the pinned Azurite's table store as the table fills, measured on the store itself (LokiJS, which
// Azurite keeps its tables in): an existence check by PartitionKey and RowKey, then the insert, into a collection with the two
// sorted indices Azurite gives every table. Run from the repository root after `npm ci`: node scripts/azurite-insert-cost.js [rows]
const os = require('os');
const loki = require('lokijs');

const rows = Number(process.argv[2] ?? 400000);
const step = Math.max(1, Math.floor(rows / 8));
const table = new loki('insert-cost').addCollection('table', { indices: ['PartitionKey', 'RowKey'] });

console.log(`Azurite's table store (lokijs ${require('lokijs/package.json').version}), ${rows.toLocaleString('en-US')} inserts in 16 partitions, load average ${os.loadavg()[0].toFixed(2)}`);
console.log('');
console.log('| Rows the table held | Microseconds an insert |');
console.log('|---:|---:|');
let started = process.hrtime.bigint();
for (let i = 0; i < rows; i++) {
  // Keys spread as call identities are: not in insertion order.
  const partitionKey = `bucket-${i % 16}`;
  const rowKey = `${((i * 2654435761) % 4294967296).toString(16).padStart(8, '0')}-${i}`;
  if (table.findOne({ RowKey: rowKey, PartitionKey: partitionKey })) {
    throw new Error(`duplicate key ${rowKey}`);
  }

  table.insert({ PartitionKey: partitionKey, RowKey: rowKey, properties: { Document: 'x'.repeat(200) } });
  if ((i + 1) % step === 0) {
    const now = process.hrtime.bigint();
    console.log(`| ${(i + 1 - step).toLocaleString('en-US')} to ${(i + 1).toLocaleString('en-US')} | ${(Number(now - started) / step / 1000).toFixed(1)} |`);
    started = now;
  }
}
console.log('');
console.log(`Load average at the end: ${os.loadavg()[0].toFixed(2)}`);
