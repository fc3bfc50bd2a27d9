/**
 * htm's own declaration (node_modules/htm/dist/htm.d.ts) is read as CommonJS under "nodenext", where
 * its default export is not the default an ES module sees. The page imports the ES module
 * (/vendor/htm.mjs), so tsconfig.json maps that path here: the same type, as an ES module.
 */
declare const htm: {
  bind<HResult>(
    // biome-ignore lint/suspicious/noExplicitAny: htm's own signature: any element type and props.
    h: (type: any, props: Record<string, any>, ...children: any[]) => HResult,
    // biome-ignore lint/suspicious/noExplicitAny: a template's values are whatever the page interpolates.
  ): (strings: TemplateStringsArray, ...values: any[]) => HResult | HResult[];
};
export default htm;
