// A module for the `modules` option of newObjectGraph (test/options.test.ts): its exported classes
// join `classes`; what it does not export, and exports that are not classes, do not.

export class Templates {}

export class Mailer {
  constructor(readonly templates: Templates) {}
}

export default class DefaultExportedClock {}

class UnexportedHelper {}

export function notAClass(): UnexportedHelper {
  return new UnexportedHelper();
}

export const notAClassEither = { name: 'Templates' };
