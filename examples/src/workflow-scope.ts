// Context scopes, part 3: a workflow scope. Each run of an order workflow is one frame of the
// 'workflow' ContextScope: its steps all receive that run's WorkflowLog, made by an async
// generator provider whose code after `yield` marks the log completed when the frame ends. A run
// that throws still has its log closed, and its error comes out of runInScope unchanged.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bind, BindingSpec, ContextScope, newObjectGraph, provides, SINGLETON, scopeOrder } from '@pinion/runtime';

interface Order {
  id: string;
  amount: number;
  card: string;
}

/** What one workflow run did, step by step. Steps may only record while the run is open. */
export class WorkflowLog {
  readonly entries: string[] = [];
  completed = false;

  constructor(readonly workflowId: string) {}

  record(entry: string): void {
    assert.ok(!this.completed, `workflow ${this.workflowId} is already completed`);
    this.entries.push(entry);
  }
}

/** Application-wide (a singleton): where completed workflow logs are archived. */
export class AuditTrail {
  readonly archived: WorkflowLog[] = [];

  async open(workflowId: string): Promise<WorkflowLog> {
    await sleep(1); // e.g. an INSERT returning the log's row
    return new WorkflowLog(workflowId);
  }

  archive(log: WorkflowLog): void {
    this.archived.push(log);
    console.log(`  [audit] ${log.workflowId} completed: ${log.entries.join(' → ')}`);
  }
}

export class PaymentDeclinedError extends Error {
  override name = 'PaymentDeclinedError';
}

/** A singleton too: declines the card '0000'. */
export class PaymentGateway {
  readonly declined: PaymentDeclinedError[] = [];

  async charge(card: string, amount: number): Promise<string> {
    await sleep(2);
    if (card === '0000') {
      const error = new PaymentDeclinedError(`card ${card} declined for ${amount} EUR`);
      this.declined.push(error);
      throw error;
    }
    return `charged ${amount} EUR`;
  }
}

export class ValidateOrder {
  constructor(readonly workflowLog: WorkflowLog) {}

  async run(order: Order): Promise<void> {
    await sleep(1);
    assert.ok(order.amount > 0);
    this.workflowLog.record('validated');
  }
}

export class ChargePayment {
  constructor(
    readonly workflowLog: WorkflowLog,
    private readonly paymentGateway: PaymentGateway,
  ) {}

  async run(order: Order): Promise<void> {
    try {
      this.workflowLog.record(await this.paymentGateway.charge(order.card, order.amount));
    } catch (error) {
      this.workflowLog.record('payment failed');
      throw error;
    }
  }
}

export class ShipOrder {
  constructor(readonly workflowLog: WorkflowLog) {}

  async run(order: Order): Promise<void> {
    await sleep(1);
    this.workflowLog.record(`shipped ${order.id}`);
  }
}

/** The workflow: its three steps, one per run, all sharing the run's log. */
export class OrderWorkflow {
  constructor(
    readonly workflowLog: WorkflowLog,
    readonly validateOrder: ValidateOrder,
    readonly chargePayment: ChargePayment,
    readonly shipOrder: ShipOrder,
  ) {}

  async run(order: Order): Promise<void> {
    await this.validateOrder.run(order);
    await this.chargePayment.run(order);
    await this.shipOrder.run(order);
  }
}

export class WorkflowSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('workflowId').toScopeValue('workflow');
    bind('auditTrail').toClass(AuditTrail);
    bind('paymentGateway').toClass(PaymentGateway);
    bind('validateOrder').toClass(ValidateOrder, { inScope: 'workflow' });
    bind('chargePayment').toClass(ChargePayment, { inScope: 'workflow' });
    bind('shipOrder').toClass(ShipOrder, { inScope: 'workflow' });
    bind('orderWorkflow').toClass(OrderWorkflow, { inScope: 'workflow' });
  }

  /** One log per workflow run. The code after `yield` runs when the run's frame ends, however it ends. */
  @provides({ inScope: 'workflow' })
  async *provideWorkflowLog(workflowId: string, auditTrail: AuditTrail) {
    const log = await auditTrail.open(workflowId);
    try {
      yield log;
    } finally {
      log.completed = true;
      auditTrail.archive(log);
    }
  }
}

const graph = newObjectGraph({
  classes: [],
  bindingSpecs: [new WorkflowSpec()],
  idToScope: { workflow: new ContextScope() },
  isScopeUsableFromScope: scopeOrder([SINGLETON, 'workflow']),
});

/** Runs the workflow for `order` in a frame of its own; resolves (or rejects) once its log is completed. */
function runWorkflow(order: Order): Promise<WorkflowLog> {
  return graph.runInScope(
    'workflow',
    async () => {
      // The log is made by an async provider: the workflow is built with provideAsync.
      const workflow = await graph.provideAsync(OrderWorkflow);
      const { workflowLog } = workflow;
      assert.equal(workflow.validateOrder.workflowLog, workflowLog, "every step has the run's log");
      assert.equal(workflow.chargePayment.workflowLog, workflowLog);
      assert.equal(workflow.shipOrder.workflowLog, workflowLog);
      await workflow.run(order);
      assert.equal(workflowLog.completed, false, 'still open while the run works');
      return workflowLog;
    },
    { values: { workflowId: `workflow ${order.id}` } },
  );
}

// Two runs at once: their steps interleave, each writes to its own log.
const [first, second] = await Promise.all([
  runWorkflow({ id: 'order-1', amount: 30, card: '4242' }),
  runWorkflow({ id: 'order-2', amount: 12, card: '5555' }),
]);
assert.notEqual(first, second);
assert.deepEqual(first.entries, ['validated', 'charged 30 EUR', 'shipped order-1']);
assert.deepEqual(second.entries, ['validated', 'charged 12 EUR', 'shipped order-2']);
assert.ok(first.completed && second.completed, 'runInScope settles after the logs are completed');
console.log(`two concurrent runs, two logs, both completed: ${first.completed && second.completed}`);

// A run whose payment is declined: the error comes out unchanged (the very object thrown), and the
// log was completed and archived all the same, holding the steps done before the failure.
const archivedBefore = graph.get<AuditTrail>('auditTrail').archived.length;
const failure = await runWorkflow({ id: 'order-3', amount: 99, card: '0000' }).then(
  () => assert.fail('order-3 should have failed'),
  (error: unknown) => error,
);
assert.ok(failure instanceof PaymentDeclinedError);
assert.equal(failure, graph.get<PaymentGateway>('paymentGateway').declined[0], 'the very error thrown, not a wrapper');
console.log(`order-3 failed with ${failure.name}: ${failure.message}`);
const archived = graph.get<AuditTrail>('auditTrail').archived;
assert.equal(archived.length, archivedBefore + 1);
const failedLog = archived[archived.length - 1];
assert.equal(failedLog.workflowId, 'workflow order-3');
assert.ok(failedLog.completed);
assert.deepEqual(failedLog.entries, ['validated', 'payment failed']);
console.log(`order-3's log was completed anyway, after ${failedLog.entries.length} entries`);

// Outside a run there is no workflow log.
await assert.rejects(graph.getAsync('workflowLog'), (error: Error) => {
  assert.equal(error.name, 'OutOfScopeError');
  console.log(`getAsync('workflowLog') outside a run: ${error.name}`);
  return true;
});
await graph.dispose();
