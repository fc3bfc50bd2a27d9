/** pdfmake's own list of its bundled Roboto files (absolute paths inside the pdfmake package). */
declare module 'pdfmake/fonts/Roboto.js' {
  const fonts: {
    readonly Roboto: {
      readonly normal: string;
      readonly bold: string;
      readonly italics: string;
      readonly bolditalics: string;
    };
  };
  export default fonts;
}
