export class Mailer {
  constructor(transport, { from }) {}
}
