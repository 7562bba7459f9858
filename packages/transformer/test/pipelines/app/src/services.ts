import type { Clock } from './clock.js';
import { nextId } from './ids.js';

export class OrderService {
  readonly id = nextId('orderService');
  constructor(readonly clock: Clock) {}
}

export class InvoiceService {
  readonly id = nextId('invoiceService');
  constructor(
    readonly clock: Clock,
    readonly orderService: OrderService,
  ) {}
}

/** Bound PROTOTYPE by the spec: a fresh handler for every injection. */
export class RequestHandler {
  readonly id = nextId('requestHandler');
  constructor(readonly clock: Clock) {}
}
