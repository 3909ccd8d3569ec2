// The readerability check alone (4 kB). `@mozilla/readability`'s index is CommonJS and requires the whole
// Readability parser (90 kB) with it, which a bundler cannot tree-shake, so the detector imports this file directly.
declare module '@mozilla/readability/Readability-readerable.js' {
  export default function isProbablyReaderable(
    document: Document,
    options?: { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Node) => boolean },
  ): boolean;
}
