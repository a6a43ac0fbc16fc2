// Jest resolves with the "require" condition; ESM-only packages (middy) export only "import".
// Retry with "import" so they resolve, then jest-transform turns them into CommonJS.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
};
