import type { Viewer } from '@b3/kit';
import type { B3DataService } from '../services/b3-data.service';
import type { B3ImportService } from '../services/b3-import.service';
import type { B3UploadService } from '../services/b3-upload.service';

/** What the B3 resolvers need from the request context (part of MarketContext). */
export interface B3Context {
  b3: B3DataService;
  b3Import: B3ImportService;
  b3Upload: B3UploadService;
}

/** B3Context plus the caller, as every subgraph context carries it. */
export type B3ResolverContext = B3Context & { viewer: Viewer | null };
