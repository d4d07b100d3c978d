export const CONNECTION_STATES = ['connecting', 'live', 'reconnecting'] as const;

/** `connecting` before the first socket opens, `live` while acknowledged, `reconnecting` while waiting to retry. */
export type ConnectionState = (typeof CONNECTION_STATES)[number];
