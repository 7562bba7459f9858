class Mailer {
  constructor(transport, from = 'noreply@example.com') {}
}

module.exports = { Mailer };
