/**
 * What gray-matter gets when it asks for js-yaml (see esbuild.mjs): it only binds these two at
 * load time for its default engine, which we always replace. Keeping gray-matter away from the
 * real module lets esbuild drop js-yaml's unused dumper from the bundle.
 */
const replaced = (): never => {
  throw new Error("gray-matter's own YAML engine is not used");
};

export const safeLoad = replaced;
export const safeDump = replaced;
