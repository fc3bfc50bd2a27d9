/** fontkit (pdfkit's font reader) as the PDF test uses it: the code points a font file has glyphs for. */
declare module 'fontkit' {
  export function openSync(path: string): { readonly characterSet: readonly number[] };
}
