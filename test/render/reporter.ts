import { createLineReporter } from '../util/lineReporter';

// Mocha loads reporters by path and wants the constructor as the module's export.
module.exports = createLineReporter('render');
