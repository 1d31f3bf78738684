/** The preview server's first port to try (Vite's preview default, rarely taken). */
export const DEFAULT_PREVIEW_PORT = 4173;
