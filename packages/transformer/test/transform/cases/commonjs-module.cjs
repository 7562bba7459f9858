'use strict';

module.exports = class {
  constructor(transport) {}
};

module.exports.Named = class Named {};
