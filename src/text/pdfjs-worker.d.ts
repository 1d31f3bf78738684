// pdf.js ships no declarations for its worker module; bulletin only hands it to pdf.js (loadPdfjs).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
