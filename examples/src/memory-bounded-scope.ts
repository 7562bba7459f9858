// Context scopes, part 4: a memory-bounded scope. An editor keeps one DocumentBuffer (64 KiB) per
// open document in a KeyedScope({ maxEntries: 3 }): opening a fourth document evicts the least
// recently used idle one and disposes its buffer, so at most three stay in memory. A document
// being edited right now (an open frame) is never evicted, even when it is the least recently used.
import assert from 'node:assert/strict';
import { type Bind, BindingSpec, KeyedScope, newObjectGraph } from '@pinion/runtime';

const BUFFER_BYTES = 64 * 1024;
const MAX_DOCUMENTS = 3;

let buffersCreated = 0;
const live = new Set<DocumentBuffer>();
/** Documents whose buffer was disposed, in order. */
const disposed: string[] = [];

/** A document's text, loaded into memory; [Symbol.dispose] frees it. */
export class DocumentBuffer {
  readonly id = ++buffersCreated;
  private bytes: Buffer | undefined = Buffer.alloc(BUFFER_BYTES);

  constructor(readonly documentId: string) {
    live.add(this);
  }

  get size(): number {
    return this.bytes?.length ?? 0;
  }

  [Symbol.dispose](): void {
    const line = `${this.documentId} (DocumentBuffer #${this.id}, ${this.size / 1024} KiB freed)`;
    console.log(`  disposed ${line}`);
    disposed.push(this.documentId);
    this.bytes = undefined;
    live.delete(this);
  }
}

export class EditorSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('documentId').toScopeValue('document');
    bind('documentBuffer').toClass(DocumentBuffer, { inScope: 'document' });
  }
}

const documents = new KeyedScope({ maxEntries: MAX_DOCUMENTS });
const graph = newObjectGraph({ classes: [], bindingSpecs: [new EditorSpec()], idToScope: { document: documents } });

/** Opens `documentId` in the editor (briefly): its buffer, new or kept. */
function open(documentId: string): DocumentBuffer {
  const buffer = graph.runInScope('document', () => graph.get<DocumentBuffer>('documentBuffer'), {
    key: documentId,
    values: { documentId },
  });
  const inMemory = [...live].map((b) => b.documentId).join(', ');
  console.log(`open ${documentId}: DocumentBuffer #${buffer.id}; in memory: ${inMemory}`);
  assert.ok(live.size <= MAX_DOCUMENTS, 'never more than maxEntries idle documents in memory');
  return buffer;
}

const a = open('doc-a');
open('doc-b');
open('doc-c');
assert.equal(open('doc-a'), a, 'reopening a document keeps its buffer');
assert.deepEqual(disposed, []);

// Fourth document: doc-b is now the least recently used (doc-a was just reopened), so it goes.
open('doc-d');
assert.deepEqual(disposed, ['doc-b']);

{
  // doc-c is being edited: its frame stays open for this whole block.
  using editing = graph.enterScope('document', { key: 'doc-c', values: { documentId: 'doc-c' } });
  const c = graph.get<DocumentBuffer>('documentBuffer');
  console.log(`editing ${editing.key} (DocumentBuffer #${c.id}) while other documents are opened`);
  open('doc-a');
  open('doc-d');
  // doc-c is now the least recently used, but busy: doc-a, the least recently used idle one, goes.
  open('doc-e');
  assert.deepEqual(disposed, ['doc-b', 'doc-a']);
  assert.ok(live.has(c), 'the document being edited stays');
}

// An evicted document comes back as a fresh buffer, and pushes out the least recently used. doc-c was
// in use until the editing block ended a moment ago, so that is doc-d.
const b = open('doc-b');
assert.equal(b.id, 6);
assert.deepEqual(disposed, ['doc-b', 'doc-a', 'doc-d']);
console.log(`evicted and disposed, in order: ${disposed.join(', ')}`);

const metrics = documents.metrics();
console.log(`metrics: ${JSON.stringify(metrics)}`);
assert.deepEqual(metrics, { active: MAX_DOCUMENTS, created: 6, expired: 0, evicted: 3, cleared: 0 });
assert.equal(metrics.active, live.size);

// Closing the editor frees the rest.
await graph.dispose();
assert.equal(live.size, 0);
console.log(`after graph.dispose(): ${JSON.stringify(documents.metrics())}, ${live.size} buffers in memory`);
