/**
 * `ContextScope`: one object per binding per frame, frames following the async context.
 */
import type { ScopeId } from '../core/scope-ids.js';
import { closeStore, closeStoreSync, Frame, type FrameOptions, FrameScope } from './frames.js';

/**
 * One object per binding per frame, where a frame is opened by `graph.runInScope(id, fn)` or
 * `graph.enterScope(id)` and follows the async context (`AsyncLocalStorage`): concurrent requests
 * never share objects. A frame of the same id opened inside another is a fresh inner frame; the
 * outer one's objects come back when it ends.
 *
 * ```ts
 * const graph = newObjectGraph({ idToScope: { request: new ContextScope() } });
 * await graph.runInScope('request', async () => graph.provide(Handler), { values: { request: req } });
 * ```
 */
export class ContextScope extends FrameScope {
  /** @internal */
  open(parent: Frame | undefined, options: FrameOptions | undefined): Frame {
    return new Frame(this, parent, undefined, options?.values);
  }

  /** @internal */
  closeSync(frame: Frame, scopeId: ScopeId, work?: { error: unknown }): void {
    frame.ended = true;
    closeStoreSync(frame, scopeId, work);
  }

  /** @internal */
  closeAsync(frame: Frame, work?: { error: unknown }): Promise<void> {
    frame.ended = true;
    return closeStore(frame, work);
  }
}
