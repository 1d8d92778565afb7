// esbuild aliases for two of js-yaml 4's own modules (see esbuild.mjs), typed from js-yaml.
declare module 'js-yaml-loader' {
  export { load, loadAll } from 'js-yaml';
}

declare module 'js-yaml-core-schema' {
  import type { Schema } from 'js-yaml';
  const CORE_SCHEMA: Schema;
  export default CORE_SCHEMA;
}
