// Deterministic tests: one time zone everywhere, whatever the machine says.
module.exports = async () => {
  process.env.TZ = 'UTC';
};
